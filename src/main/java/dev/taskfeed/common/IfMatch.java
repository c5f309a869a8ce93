package dev.taskfeed.common;

import java.util.List;

import org.springframework.http.ETag;

/**
 * The {@code If-Match} precondition against a resource whose ETag is its quoted version,
 * as RFC 9110 (13.1.1) defines it: {@code *} or a list of entity tags, compared strongly,
 * so a weak tag ({@code W/"3"}) never matches.
 */
public final class IfMatch {

	private IfMatch() {
	}

	/**
	 * Passes when there is no header, when it is {@code *}, or when one of its entity
	 * tags is strongly the current version; otherwise fails
	 * ({@link DomainException.StaleVersion}, 412, naming {@code resource}: "task",
	 * "comment").
	 */
	public static void check(String header, long currentVersion, String resource) {
		if (header == null || header.isBlank()) {
			return;
		}
		ETag current = ETag.create(Long.toString(currentVersion));
		List<ETag> tags = ETag.parse(header);
		if (tags.stream().anyMatch((tag) -> tag.isWildcard() || tag.compare(current, true))) {
			return;
		}
		throw DomainException.staleVersion(
				"The " + resource + " has changed since you read it: its ETag is now " + current.formattedTag()
						+ ". Fetch it again and retry (If-Match compares strongly: W/ tags never match).");
	}

}
