package dev.taskfeed.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.taskfeed.common.Sha256;
import dev.taskfeed.common.DomainException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: 256 random bits shown once as {@code tf_<base64url>}, stored only as their
 * SHA-256, so a look-up by hash is the whole cost of a Bearer request.
 */
@Service
@Transactional(readOnly = true)
public class ApiTokenService {

	static final String PREFIX = "tf_";

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final ApiTokenRepository tokens;

	private final UserRepository users;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ApiTokenService(ApiTokenRepository tokens, UserRepository users, Clock clock, ApplicationEventPublisher events) {
		this.tokens = tokens;
		this.users = users;
		this.clock = clock;
		this.events = events;
	}

	@Transactional
	public ApiTokenView create(long userId, String name) {
		byte[] secretBytes = new byte[32];
		this.random.nextBytes(secretBytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
		User user = this.users.getReferenceById(userId);
		ApiToken token = this.tokens.save(new ApiToken(user, name.strip(), hash(secret), Instant.now(this.clock)));
		return new ApiTokenView(token.getId(), token.getName(), secret, token.getCreatedAt(), null);
	}

	public List<ApiTokenView> list(long userId) {
		return this.tokens.findByUserId(userId).stream().map(ApiTokenView::of).toList();
	}

	@Transactional
	public void revoke(long userId, long tokenId) {
		ApiToken token = this.tokens.findByIdAndUserId(tokenId, userId)
			.orElseThrow(() -> DomainException.notFound("token", tokenId));
		this.tokens.delete(token);
		this.events.publishEvent(new ApiTokenRevokedEvent(userId, tokenId));
	}

	/** Who a valid token belongs to, and which token it was. */
	public record Authenticated(TaskFeedPrincipal principal, ApiTokenCredential credential) {
	}

	@Transactional
	public Optional<Authenticated> authenticate(String secret) {
		if (!secret.startsWith(PREFIX) || secret.length() > 100) {
			return Optional.empty();
		}
		Optional<ApiToken> token = this.tokens.findByTokenHash(hash(secret));
		token.ifPresent((found) -> {
			Instant now = Instant.now(this.clock);
			Instant before = now.minus(LAST_USED_RESOLUTION);
			// the row read above says whether a write is due: most requests issue no
			// UPDATE at all
			if (found.getLastUsedAt() == null || found.getLastUsedAt().isBefore(before)) {
				this.tokens.markUsed(found.getId(), now, before);
			}
		});
		return token.map((found) -> new Authenticated(TaskFeedPrincipal.of(found.getUser()),
				new ApiTokenCredential(found.getId())));
	}

	static String hash(String secret) {
		return Sha256.hex(secret);
	}

}
