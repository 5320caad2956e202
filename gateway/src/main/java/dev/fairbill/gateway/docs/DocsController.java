package dev.fairbill.gateway.docs;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.gateway.web.ProblemType;

/**
 * The public API's description: the combined OpenAPI document and Swagger UI over it. Both are open to anyone who
 * can reach the gateway, as the API's documentation is; neither reveals a tenant's data.
 */
@RestController
public class DocsController {

    private static final byte[] PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Fairbill API</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script src="/docs/start.js"></script>
            </body>
            </html>
            """.getBytes(StandardCharsets.UTF_8);
    private static final byte[] START = """
            window.ui = SwaggerUIBundle({url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true});
            """.getBytes(StandardCharsets.UTF_8);

    private final PublicDocument document;

    public DocsController(PublicDocument document) {
        this.document = document;
    }

    @GetMapping(CombinedOpenApi.OPENAPI_PATH)
    public ResponseEntity<?> openApi() {
        return document.json()
                .<ResponseEntity<?>>map(json -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json))
                .orElseGet(() -> ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "2")
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(ProblemType.UNAVAILABLE.detail("A service's part of the API document cannot be read "
                                + "yet; try again shortly.", CombinedOpenApi.OPENAPI_PATH)));
    }

    @GetMapping(CombinedOpenApi.DOCS_PATH)
    public ResponseEntity<byte[]> docs() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }

    @GetMapping(CombinedOpenApi.DOCS_PATH + "/start.js")
    public ResponseEntity<byte[]> start() {
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/javascript")).body(START);
    }
}
