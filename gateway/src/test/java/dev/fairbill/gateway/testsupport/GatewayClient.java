package dev.fairbill.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

/** Sends requests to the gateway under test the way an outside client would. */
public record GatewayClient(int port) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public HttpResponse<String> get(String path, String... headerNamesAndValues) {
        return send("GET", path, new byte[0], headerNamesAndValues);
    }

    public HttpResponse<String> post(String path, String json, String... headerNamesAndValues) {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8), headerNamesAndValues);
    }

    /** A GET whose answer is kept as the bytes that arrived. */
    public HttpResponse<byte[]> getBytes(String path, String... headerNamesAndValues) {
        return send("GET", path, new byte[0], BodyHandlers.ofByteArray(), headerNamesAndValues);
    }

    public HttpResponse<String> send(String method, String path, byte[] body, String... headerNamesAndValues) {
        return send(method, path, body, BodyHandlers.ofString(), headerNamesAndValues);
    }

    private <T> HttpResponse<T> send(String method, String path, byte[] body, HttpResponse.BodyHandler<T> answer,
            String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String apiKey) {
        return "Bearer " + apiKey;
    }
}
