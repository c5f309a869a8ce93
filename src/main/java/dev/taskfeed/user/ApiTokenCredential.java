package dev.taskfeed.user;

import java.io.Serial;
import java.io.Serializable;

/**
 * The details of a Bearer request's authentication: which API token it was. A live feed
 * connection opened with it is closed when the token is revoked.
 */
public record ApiTokenCredential(long tokenId) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

}
