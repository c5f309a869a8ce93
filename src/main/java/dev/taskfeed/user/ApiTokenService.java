package dev.taskfeed.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.taskfeed.common.Sha256;
import dev.taskfeed.common.DomainException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API tokens: 256 random bits shown once as {@code tf_<base64url>}, stored only as their
 * SHA-256, so a look-up by hash is the whole cost of a Bearer request. A token found is
 * remembered for {@code taskfeed.api-tokens.cache-ttl} (5 s; 0 turns it off), so a
 * script's stream of requests asks the database once per interval instead of once per
 * request. Revoking forgets it at once on the instance that revokes; another instance
 * keeps accepting it until its entry expires, which bounds how long a revoked token still
 * works anywhere.
 */
@Service
@Transactional(readOnly = true)
public class ApiTokenService {

	static final String PREFIX = "tf_";

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	/** More distinct tokens than this in one interval: start over rather than grow. */
	private static final int CACHE_LIMIT = 10_000;

	private final SecureRandom random = new SecureRandom();

	private final ApiTokenRepository tokens;

	private final UserRepository users;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final long cacheTtlNanos;

	/** Tokens found recently, by the hash of their secret. */
	private final Map<String, Remembered> found = new ConcurrentHashMap<>();

	/**
	 * Tokens revoked within the last interval, by id: a look-up that read one just before
	 * its revocation committed must not remember it afterwards.
	 */
	private final Map<Long, Long> revoked = new ConcurrentHashMap<>();

	ApiTokenService(ApiTokenRepository tokens, UserRepository users, Clock clock, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager,
			@Value("${taskfeed.api-tokens.cache-ttl:5s}") Duration cacheTtl) {
		this.tokens = tokens;
		this.users = users;
		this.clock = clock;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.cacheTtlNanos = cacheTtl.toNanos();
	}

	private record Remembered(Authenticated authenticated, long expiresAt) {
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

	/**
	 * The token's owner, from memory when it was found within the last interval, else
	 * from the database (recording its use at most once a minute).
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Optional<Authenticated> authenticate(String secret) {
		if (!secret.startsWith(PREFIX) || secret.length() > 100) {
			return Optional.empty();
		}
		String hash = hash(secret);
		long now = System.nanoTime();
		Remembered remembered = this.found.get(hash);
		if (remembered != null && now - remembered.expiresAt() < 0) {
			return Optional.of(remembered.authenticated());
		}
		Optional<Authenticated> authenticated = this.transactions.execute((status) -> lookUp(hash));
		authenticated.ifPresent((found) -> remember(hash, found, now));
		return authenticated;
	}

	private Optional<Authenticated> lookUp(String hash) {
		Optional<ApiToken> token = this.tokens.findByTokenHash(hash);
		token.ifPresent((found) -> {
			Instant now = Instant.now(this.clock);
			Instant before = now.minus(LAST_USED_RESOLUTION);
			// the row read above says whether a write is due:
			// most look-ups issue no UPDATE at all
			if (found.getLastUsedAt() == null || found.getLastUsedAt().isBefore(before)) {
				this.tokens.markUsed(found.getId(), now, before);
			}
		});
		return token.map((found) -> new Authenticated(TaskFeedPrincipal.of(found.getUser()),
				new ApiTokenCredential(found.getId())));
	}

	private void remember(String hash, Authenticated authenticated, long now) {
		if (this.cacheTtlNanos <= 0) {
			return;
		}
		if (this.found.size() >= CACHE_LIMIT) {
			this.found.clear();
		}
		this.found.put(hash, new Remembered(authenticated, now + this.cacheTtlNanos));
		if (!this.revoked.isEmpty()) {
			this.revoked.values().removeIf((until) -> now - until > 0);
			if (this.revoked.containsKey(authenticated.credential().tokenId())) {
				this.found.remove(hash);
			}
		}
	}

	/**
	 * A revoked token stops working on this instance as soon as the revocation commits.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void forgetRevoked(ApiTokenRevokedEvent event) {
		this.revoked.put(event.tokenId(), System.nanoTime() + this.cacheTtlNanos);
		this.found.values().removeIf((entry) -> entry.authenticated().credential().tokenId() == event.tokenId());
	}

	static String hash(String secret) {
		return Sha256.hex(secret);
	}

}
