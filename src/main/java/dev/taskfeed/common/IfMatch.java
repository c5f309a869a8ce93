package dev.taskfeed.common;

/**
 * The {@code If-Match} precondition against a resource whose ETag is its quoted version.
 */
public final class IfMatch {

	private IfMatch() {
	}

	/**
	 * Passes when there is no header, when it is {@code *}, or when one of its entity tags is
	 * the current version; otherwise fails with 412.
	 */
	public static void check(String header, long currentVersion) {
		if (header == null || header.isBlank() || header.strip().equals("*")) {
			return;
		}
		String current = "\"" + currentVersion + "\"";
		for (String tag : header.split(",")) {
			String candidate = tag.strip();
			if (candidate.startsWith("W/")) {
				candidate = candidate.substring(2);
			}
			if (candidate.equals(current)) {
				return;
			}
		}
		throw Problems.preconditionFailed("The task has changed since you read it: its ETag is now " + current
				+ ". Fetch it again and retry.");
	}

}
