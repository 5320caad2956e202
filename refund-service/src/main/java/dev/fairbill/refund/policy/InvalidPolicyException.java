package dev.fairbill.refund.policy;

/**
 * A policy document that cannot be used, found when it is loaded: the service refuses to start. The message names the
 * file and, where the problem is in a clause, the clause id.
 */
public class InvalidPolicyException extends RuntimeException {

    private final String file;
    private final String clauseId;

    public InvalidPolicyException(String file, String clauseId, String problem) {
        this(file, clauseId, problem, null);
    }

    public InvalidPolicyException(String file, String clauseId, String problem, Throwable cause) {
        super("invalid refund policy " + file + (clauseId == null ? "" : ", clause '" + clauseId + "'") + ": "
                + problem, cause);
        this.file = file;
        this.clauseId = clauseId;
    }

    public String file() {
        return file;
    }

    /** The clause the problem is in, or {@code null} when it is in the document itself. */
    public String clauseId() {
        return clauseId;
    }
}
