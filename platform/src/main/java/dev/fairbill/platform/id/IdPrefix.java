package dev.fairbill.platform.id;

/** The type prefix of every public id (docs/api.md, conventions), with the noun used in "… not found" answers. */
public enum IdPrefix {
    ACCOUNT("acct_", "Account"),
    SUBSCRIPTION("sub_", "Subscription"),
    CHARGE("ch_", "Charge"),
    PURCHASE("pur_", "Purchase"),
    REFUND_CASE("rc_", "Refund case"),
    REFUND("re_", "Refund"),
    DISPUTE("dp_", "Dispute"),
    LOT("lot_", "Lot"),
    HOLD("hold_", "Hold"),
    INCIDENT("inc_", "Incident"),
    CONSUMPTION("cons_", "Consumption"),
    TRANSFER("tr_", "Transfer"),
    WITHDRAWAL("wd_", "Withdrawal"),
    LEDGER_ENTRY("le_", "Ledger entry"),
    WEBHOOK_ENDPOINT("we_", "Webhook endpoint"),
    WEBHOOK_DELIVERY("whd_", "Webhook delivery"),
    EVENT("evt_", "Event"),
    TEST_CLOCK("clk_", "Test clock");

    private final String prefix;
    private final String noun;

    IdPrefix(String prefix, String noun) {
        this.prefix = prefix;
        this.noun = noun;
    }

    public String prefix() {
        return prefix;
    }

    public String noun() {
        return noun;
    }
}
