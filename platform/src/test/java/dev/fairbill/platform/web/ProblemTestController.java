package dev.fairbill.platform.web;

import java.time.Instant;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;

@RestController
class ProblemTestController {

    enum Colour { RED, GREEN }

    record Line(@NotBlank String sku, @Positive int quantity) {
    }

    record Order(@NotBlank String accountId, @NotNull Money amount, Colour colour, List<@Valid Line> lines) {
    }

    record Values(String note, Instant at, Colour colour, Long count, Boolean flag, List<String> tags) {
    }

    static final List<String> ITEMS = List.of("item-1", "item-2", "item-3", "item-4", "item-5");

    @PostMapping("/test/orders")
    @ResponseStatus(HttpStatus.CREATED)
    Order create(@Valid @RequestBody Order order) {
        return order;
    }

    @PostMapping("/test/values")
    Values values(@RequestBody Values values) {
        return values;
    }

    @GetMapping("/test/orders")
    List<String> list(@RequestParam int count, @RequestParam(required = false) Colour colour) {
        return List.of();
    }

    @GetMapping("/test/limited")
    List<String> limited(@RequestParam("size") @Max(10) int size) {
        return List.of();
    }

    @GetMapping("/test/items")
    Page<String> items(PageRequest page) {
        List<String> rows = ITEMS.stream()
                .filter(item -> page.after().map(after -> item.compareTo(after) > 0).orElse(true))
                .limit(page.fetchSize())
                .toList();
        return Page.of(rows, page, item -> item);
    }

    @GetMapping("/test/failures/{kind}")
    void fail(@PathVariable String kind) {
        throw switch (kind) {
            case "not-found" -> new NotFoundException("Account acct_1");
            case "conflict" -> new ConflictException("insufficient-credits", "Insufficient credits",
                    "The ledger holds 5 credits, 10 were asked for");
            case "unprocessable" -> new UnprocessableException("refund-window-closed", "Refund window closed",
                    "The refund window closed on 2026-11-01");
            case "aggregate-not-found" -> new AggregateNotFoundException("acct_1", "no aggregate acct_1");
            case "concurrency" -> new ConcurrencyException("sequence 3 already taken");
            case "stream-creation" -> new AggregateStreamCreationException("acct_1 exists");
            case "wrapped-in-command-execution" -> new CommandExecutionException("handler failed",
                    new NotFoundException("Charge ch_1"));
            case "in-command-execution-details" -> new CommandExecutionException("remote handler failed", null,
                    new ConflictException("Already cancelled"));
            case "wrapped-in-completion" -> new CompletionException(new CommandExecutionException("handler failed",
                    new ConcurrencyException("sequence 3 already taken")));
            case "access-denied" -> new AccessDeniedException("no scope");
            case "no-connection" -> new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLException("Connection refused", "08001"));
            case "database-restarting" -> new UncategorizedSQLException("SELECT 1", "SELECT 1",
                    new SQLException("terminating connection due to administrator command", "57P01"));
            case "commit-outcome-unknown" -> new TransactionSystemException("JDBC rollback failed",
                    new SQLException("Connection is closed"));
            case "pooled-connection-closed" -> new JdbcException("Failed to create a SQL statement",
                    new SQLException("Connection is closed"));
            case "bad-sql" -> new UncategorizedSQLException("SELECT 1", "SELECT 1",
                    new SQLException("syntax error", "42601"));
            default -> new IllegalStateException("connection pool secret-db-host:5432 exhausted");
        };
    }
}
