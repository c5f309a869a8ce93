package dev.taskfeed.common;

/**
 * What TaskFeed's services refuse, in their own terms. Each kind has one answer, given in
 * one place ({@link #status()}): the REST API turns it into problem+json, the pages into
 * their HTML error page or a message beside a field. Thrown as control flow, so without a
 * stack trace.
 */
public abstract sealed class DomainException extends RuntimeException
		permits DomainException.NotFound, DomainException.Forbidden, DomainException.Conflict,
		DomainException.StaleVersion, DomainException.InvalidField {

	private DomainException(String message) {
		super(message, null, false, false);
	}

	/** The HTTP status this refusal is answered with, and its title. */
	public abstract int status();

	public abstract String title();

	public static NotFound notFound(String kind, Object id) {
		return new NotFound(kind, id);
	}

	public static Forbidden forbidden(String detail) {
		return new Forbidden(detail);
	}

	public static Conflict conflict(String detail) {
		return new Conflict(detail);
	}

	public static StaleVersion staleVersion(String detail) {
		return new StaleVersion(detail);
	}

	public static InvalidField invalidField(String field, String reason) {
		return new InvalidField(field, reason);
	}

	/** Absent, or someone else's: callers never learn which. */
	public static final class NotFound extends DomainException {

		private NotFound(String kind, Object id) {
			super("No " + kind + " with id " + id + ".");
		}

		@Override
		public int status() {
			return 404;
		}

		@Override
		public String title() {
			return "Not Found";
		}

	}

	/**
	 * Visible to the caller, but beyond what their role allows (a viewer editing, an
	 * editor managing members).
	 */
	public static final class Forbidden extends DomainException {

		private Forbidden(String detail) {
			super(detail);
		}

		@Override
		public int status() {
			return 403;
		}

		@Override
		public String title() {
			return "Forbidden";
		}

	}

	/** Clashes with what is stored (a name taken, an address already registered). */
	public static final class Conflict extends DomainException {

		private Conflict(String detail) {
			super(detail);
		}

		@Override
		public int status() {
			return 409;
		}

		@Override
		public String title() {
			return "Conflict";
		}

	}

	/** Changed since the caller read it ({@code If-Match} names an older version). */
	public static final class StaleVersion extends DomainException {

		private StaleVersion(String detail) {
			super(detail);
		}

		@Override
		public int status() {
			return 412;
		}

		@Override
		public String title() {
			return "Precondition Failed";
		}

	}

	/** One field of the request is not acceptable. */
	public static final class InvalidField extends DomainException {

		private final String field;

		private final String reason;

		private InvalidField(String field, String reason) {
			super("The request has 1 invalid field: " + field + " " + reason + ".");
			this.field = field;
			this.reason = reason;
		}

		public String field() {
			return this.field;
		}

		public String reason() {
			return this.reason;
		}

		@Override
		public int status() {
			return 400;
		}

		@Override
		public String title() {
			return "Validation failed";
		}

	}

}
