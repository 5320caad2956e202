package dev.fairbill.platform.web.page;

import static dev.fairbill.platform.web.ProblemMatchers.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

@WebMvcTest
@AutoConfigureMockMvc(addFilters = false)
class PagingEndpointTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void cursorWalksThroughTheListAndEndsWithNullNextCursor() throws Exception {
        String first = mvc.perform(get("/test/items").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data").value(contains("item-1", "item-2")))
                .andReturn().getResponse().getContentAsString();
        String cursor = JsonPath.read(first, "$.nextCursor");

        String second = mvc.perform(get("/test/items").param("limit", "2").param("after", cursor))
                .andExpect(jsonPath("$.data").value(contains("item-3", "item-4")))
                .andReturn().getResponse().getContentAsString();

        String secondCursor = JsonPath.read(second, "$.nextCursor");
        String last = mvc.perform(get("/test/items").param("limit", "2").param("after", secondCursor))
                .andExpect(jsonPath("$.data").value(contains("item-5")))
                .andReturn().getResponse().getContentAsString();
        assertThat(last).contains("\"nextCursor\":null");
    }

    @Test
    void limitDefaultsToFifty() throws Exception {
        mvc.perform(get("/test/items"))
                .andExpect(jsonPath("$.data.length()").value(5));
    }

    @Test
    void limitOutsideOneToFiveHundredIsRefused() throws Exception {
        for (String limit : new String[] {"0", "501", "-3", "ten"}) {
            mvc.perform(get("/test/items").param("limit", limit))
                    .andExpect(problem(400, "validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("limit"));
        }
        mvc.perform(get("/test/items").param("limit", "500")).andExpect(status().isOk());
    }

    @Test
    void malformedCursorIsRefused() throws Exception {
        for (String after : new String[] {"not base64!", "_w"}) {
            mvc.perform(get("/test/items").param("after", after))
                    .andExpect(problem(400, "validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("after"));
        }
    }
}
