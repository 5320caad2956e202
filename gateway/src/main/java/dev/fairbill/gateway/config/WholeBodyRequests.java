package dev.fairbill.gateway.config;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.FastByteArrayOutputStream;

/**
 * Requests to a service that carry the caller's body as it came: none when the caller sent none (a {@code GET} is
 * not sent with an empty chunked body), and otherwise all of it with its {@code Content-Length}. Bodies are small
 * (the edge refuses large ones before routing), so each is collected before it is sent.
 */
final class WholeBodyRequests implements ClientHttpRequestFactory {

    private final ClientHttpRequestFactory delegate;

    WholeBodyRequests(ClientHttpRequestFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
        return new WholeBodyRequest(delegate.createRequest(uri, httpMethod));
    }

    private static final class WholeBodyRequest implements ClientHttpRequest {

        private final ClientHttpRequest delegate;
        private final FastByteArrayOutputStream body = new FastByteArrayOutputStream(256);

        WholeBodyRequest(ClientHttpRequest delegate) {
            this.delegate = delegate;
        }

        @Override
        public OutputStream getBody() {
            return body;
        }

        @Override
        public ClientHttpResponse execute() throws IOException {
            if (body.size() > 0) {
                delegate.getHeaders().setContentLength(body.size());
                body.writeTo(delegate.getBody());
            }
            return delegate.execute();
        }

        @Override
        public HttpHeaders getHeaders() {
            return delegate.getHeaders();
        }

        @Override
        public HttpMethod getMethod() {
            return delegate.getMethod();
        }

        @Override
        public URI getURI() {
            return delegate.getURI();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return delegate.getAttributes();
        }
    }
}
