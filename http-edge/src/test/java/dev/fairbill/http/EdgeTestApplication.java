package dev.fairbill.http;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
class EdgeTestApplication {

    @RestController
    static class Echo {

        @GetMapping("/things/{id}")
        Map<String, String> get(@PathVariable String id) {
            return Map.of("id", id);
        }

        /** Reads the body itself, so that a failure while reading it leaves the servlet. */
        @PostMapping("/things")
        Map<String, Integer> post(HttpServletRequest request) throws IOException {
            return Map.of("bytes", request.getInputStream().readAllBytes().length);
        }
    }
}
