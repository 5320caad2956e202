package dev.fairbill.billing.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.billing.catalog.Catalog;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.page.Page;

/** The caller's tenant's catalog. It is small and configured, so it is always one page. */
@RestController
@RequestMapping("/api/v1")
public class CatalogController {

    private final Catalog catalog;

    public CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/plans")
    public Page<PlanResponse> plans() {
        return new Page<>(catalog.plans(Caller.current().tenant()).stream().map(PlanResponse::of).toList(), null);
    }

    @GetMapping("/products")
    public Page<ProductResponse> products() {
        return new Page<>(catalog.products(Caller.current().tenant()).stream().map(ProductResponse::of).toList(),
                null);
    }
}
