package nl.logius.platformacceptance.platform.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the kernel's TCP table of an instance, as the local controller does before removing it. */
class ServiceConnectionsTest {

    // Port 8080 is 1F90, 8081 is 1F91. States: 0A LISTEN, 01 ESTABLISHED, 06 TIME_WAIT, 08 CLOSE_WAIT, 04 FIN_WAIT1.
    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
               1: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
               2: 0000000000000000FFFF00000300A8C0:1F90 0000000000000000FFFF00000500A8C0:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1
               3: 0000000000000000FFFF00000300A8C0:1F90 0000000000000000FFFF00000500A8C0:A1B3 06 00000000:00000000 03:00000F2E 00000000     0        0 0 3 0
               4: 0000000000000000FFFF00000300A8C0:1F90 0000000000000000FFFF00000500A8C0:A1B4 08 00000000:00000000 00:00000000 00000000     0        0 4 1 0 20 4 30 10 -1
               5: 0000000000000000FFFF00000300A8C0:1F91 0000000000000000FFFF00000100A8C0:B1B2 01 00000000:00000000 00:00000000 00000000     0        0 5 1 0 20 4 30 10 -1
               6: 0000000000000000FFFF00000300A8C0:1F90 0000000000000000FFFF00000500A8C0:A1B5 04 00000001:00000000 01:00000014 00000000     0        0 0 3 0
            """;

    @Test
    void counts_connections_that_still_carry_a_request_or_its_answer_on_the_service_port_only() {
        // ESTABLISHED, CLOSE_WAIT and FIN_WAIT1 on 8080; not the listener, not TIME_WAIT, not the admin port.
        assertThat(ServiceConnections.inUse(TCP6, 8080)).isEqualTo(3);
        assertThat(ServiceConnections.inUse(TCP6, 8081)).isEqualTo(1);
    }

    @Test
    void an_empty_table_or_a_process_that_is_gone_has_no_connections() {
        assertThat(ServiceConnections.inUse("", 8080)).isZero();
        assertThat(ServiceConnections.inUse(Long.MAX_VALUE, 8080)).isZero();
    }
}
