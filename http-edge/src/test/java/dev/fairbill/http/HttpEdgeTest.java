package dev.fairbill.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests the application never sees as such, sent over a raw socket so that nothing on the client side cleans them
 * up first: each is answered with a problem+json 4xx.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fairbill.http.max-request-body=1KB", "fairbill.http.max-webhook-body=512B"})
class HttpEdgeTest {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: (\\d+)");

    @LocalServerPort int port;

    @Test
    void anEncodedNulInThePathIsRefusedByTomcatAsAProblem() throws IOException {
        assertProblem(send("GET /things/acct%00x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400,
                "malformed-request");
    }

    @Test
    void aControlCharacterOrNonUtf8InTheQueryOrPathIsAnInvalidRequestTarget() throws IOException {
        assertProblem(send("GET /things/x?after=%0a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400,
                "invalid-request-target");
        assertProblem(send("GET /things/a%01b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400,
                "invalid-request-target");
    }

    @Test
    void aPathThatIsNotUtf8IsRefusedByTomcatAsAProblem() throws IOException {
        assertProblem(send("GET /things/%C3%28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400,
                "malformed-request");
    }

    @Test
    void aWellFormedTargetPasses() throws IOException {
        String answer = send("GET /things/acct_01%20x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"id\":\"acct_01 x\"");
    }

    @Test
    void aMalformedPercentEscapeIsAProblem() throws IOException {
        assertProblem(send("GET /things/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, null);
    }

    @Test
    void anOversizedHeaderIsAProblemFromTomcatItself() throws IOException {
        assertProblem(send("GET /things/x HTTP/1.1\r\nHost: x\r\nIdempotency-Key: " + "k".repeat(9000)
                + "\r\nConnection: close\r\n\r\n"), 400, null);
    }

    @Test
    void aBodyAnnouncedLargerThanTheLimitIsRefusedUnread() throws IOException {
        assertProblem(send("POST /things HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 5000000\r\nConnection: close\r\n\r\n"), 413, "payload-too-large");
    }

    @Test
    void aWebhookHasItsOwnSmallerLimit() throws IOException {
        String body = "x".repeat(600);
        assertProblem(send("POST /webhooks/stripe/panel HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 600\r\nConnection: close\r\n\r\n" + body), 413, "payload-too-large");
        assertThat(send("POST /things HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 600\r\nConnection: close\r\n\r\n" + body)).doesNotStartWith("HTTP/1.1 413");
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsRefused() throws IOException {
        String chunk = "x".repeat(600);
        String chunked = "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n";
        assertProblem(send("POST /things HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked), 413, "payload-too-large");
    }

    @Test
    void aBodyWithinTheLimitIsRead() throws IOException {
        String body = "x".repeat(1000);
        assertThat(send("POST /things HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 1000\r\nConnection: close\r\n\r\n" + body)).contains("\"bytes\":1000");
    }

    private static void assertProblem(String answer, int status, String slug) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        if (slug != null) {
            assertThat(answer).contains("\"type\":\"https://fairbill.dev/problems/" + slug + "\"");
        }
        assertThat(answer).doesNotContain("Apache Tomcat").doesNotContain("<html");
    }

    /** The answer's head and as much body as its Content-Length announces, as an HTTP client reads it. */
    private String send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (!answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                answer.write(b);
            }
            Matcher length = CONTENT_LENGTH.matcher(answer.toString(StandardCharsets.ISO_8859_1));
            answer.write(length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes());
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
