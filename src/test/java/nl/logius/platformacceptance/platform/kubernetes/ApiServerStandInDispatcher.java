package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock API server's CRUD dispatcher with what it lacks answered as a real API server would, by stand-ins:
 * <ul>
 *   <li>the pod proxy ({@code pods/proxy}), forwarded to the pod's probe process by the {@link KubeletStandIn};</li>
 *   <li>SelfSubjectAccessReviews, answered by an authorizer stand-in that allows every verb on every resource but
 *       those a test denies ({@link #deny}), as RBAC would for a tenant without them.</li>
 * </ul>
 * Everything else is the mock's own CRUD.
 */
final class ApiServerStandInDispatcher extends KubernetesCrudDispatcher {

    /** The ':' before the port may come percent-encoded (REST Assured encodes it); the API server decodes the path. */
    private static final Pattern POD_PROXY = Pattern.compile(
            "/api/v1/namespaces/([^/]+)/pods/([^/:%]+)(?:(?::|%3A|%3a)(\\d+))?/proxy(/[^?]*)?(\\?.*)?");
    private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    private volatile KubeletStandIn kubelet;
    private final Set<String> denied = ConcurrentHashMap.newKeySet();

    void kubelet(KubeletStandIn kubelet) {
        this.kubelet = kubelet;
    }

    /** The authorizer stand-in refuses {@code verb} on {@code resource} (e.g. {@code create}, {@code networkpolicies}). */
    void deny(String verb, String resource) {
        denied.add(verb + " " + resource);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        Matcher proxy = POD_PROXY.matcher(path);
        if (proxy.matches() && kubelet != null) {
            int port = proxy.group(3) == null ? 80 : Integer.parseInt(proxy.group(3));
            String rest = (proxy.group(4) == null ? "/" : proxy.group(4)) + (proxy.group(5) == null ? "" : proxy.group(5));
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
            String pod = proxy.group(2);
            KubeletStandIn.ProxiedAnswer answer = kubelet.forward(proxy.group(1), pod, port, request.getMethod(), rest, body);
            return new MockResponse().setResponseCode(answer.status()).setHeader("Content-Type", answer.contentType())
                    .setBody(new io.fabric8.mockwebserver.http.Buffer(answer.body()));
        }
        if (path.startsWith(ACCESS_REVIEWS) && "POST".equals(request.getMethod())) {
            SelfSubjectAccessReview review = Serialization.unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
            ResourceAttributes asked = review.getSpec().getResourceAttributes();
            String resource = asked.getResource() + (asked.getSubresource() == null || asked.getSubresource().isEmpty() ? ""
                    : "/" + asked.getSubresource());
            boolean allowed = !denied.contains(asked.getVerb() + " " + resource);
            review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed)
                    .withReason(allowed ? "allowed by the authorizer stand-in" : "denied by the authorizer stand-in").build());
            return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                    .setBody(Serialization.asJson(review));
        }
        return super.dispatch(request);
    }
}
