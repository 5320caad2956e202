package dev.fairbill.gateway.web;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;

/** Sends the request's id on to the service, replacing whatever the client sent. */
@Component
public class RequestIdForwarding implements RequestHttpHeadersFilter {

    @Override
    public HttpHeaders apply(HttpHeaders incoming, ServerRequest request) {
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.putAll(incoming);
        forwarded.set(RequestId.HEADER, RequestId.of(request.servletRequest()));
        return forwarded;
    }
}
