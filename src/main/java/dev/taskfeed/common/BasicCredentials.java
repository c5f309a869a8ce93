package dev.taskfeed.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The {@code user:password} of an {@code Authorization: Basic} header, decoded. */
public final class BasicCredentials {

	private static final String BASIC = "Basic ";

	private BasicCredentials() {
	}

	/**
	 * The decoded {@code user:password}, or empty when the header is absent, not Basic,
	 * or not Base64 (Spring Security's Basic filter refuses those).
	 */
	public static Optional<String> decode(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return Optional.empty();
		}
		try {
			return Optional.of(new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
					StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The user part (before the first colon), or empty. */
	public static Optional<String> username(String authorization) {
		return decode(authorization).filter((decoded) -> decoded.indexOf(':') >= 0)
			.map((decoded) -> decoded.substring(0, decoded.indexOf(':')));
	}

}
