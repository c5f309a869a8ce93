package dev.taskfeed.user;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing, per account and per client address, with the database as
 * the state every instance shares. The first {@value #FREE_PER_ACCOUNT} wrong passwords
 * for an account (and {@value #FREE_PER_ADDRESS} from one address) in {@link #WINDOW}
 * cost nothing; each one after that blocks further sign-ins for that account (or from
 * that address) for a delay that doubles from one second up to {@link #MAX_DELAY}. It is
 * a delay, never a lockout: the owner's correct password works again as soon as the delay
 * has passed, and a success clears the account's count. Only password sign-ins (HTTP
 * Basic, the login form) are throttled; API tokens and sessions are not.
 */
@Component
public class SignInThrottle {

	static final int FREE_PER_ACCOUNT = 5;

	static final int FREE_PER_ADDRESS = 20;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration MAX_DELAY = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(SignInThrottle.class);

	private final JdbcTemplate jdbc;

	SignInThrottle(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How long a sign-in as this account, from this address, must wait; empty when it may
	 * go ahead.
	 */
	public Optional<Duration> waitFor(String email, String address) {
		List<Long> remaining = this.jdbc.queryForList("""
				select ceil(extract(epoch from max(blocked_until) - now()) * 1000)::bigint from sign_in_throttle
				where throttle_key in (?, ?) and blocked_until > now()""", Long.class, accountKey(email),
				addressKey(address));
		Long millis = remaining.isEmpty() ? null : remaining.get(0);
		return (millis != null && millis > 0) ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		Authentication attempt = event.getAuthentication();
		String address = addressOf(attempt);
		Duration accountDelay = recordFailure(accountKey(String.valueOf(attempt.getPrincipal())), FREE_PER_ACCOUNT);
		Duration addressDelay = (address != null) ? recordFailure(addressKey(address), FREE_PER_ADDRESS)
				: Duration.ZERO;
		if (!accountDelay.isZero() || !addressDelay.isZero()) {
			logger.warn("Repeated failed sign-ins for one account or from {}: the next attempt waits {} s", address,
					Math.max(accountDelay.toSeconds(), addressDelay.toSeconds()));
		}
		if (ThreadLocalRandom.current().nextInt(100) == 0) {
			this.jdbc.update("delete from sign_in_throttle where window_started_at < now() - interval '1 day'");
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		// published by password sign-ins only (Basic, the form);
		// tokens and sessions do not get here
		if (event.getAuthentication().getPrincipal() instanceof TaskFeedPrincipal principal) {
			// a password sign-in that worked: that account's count starts again
			this.jdbc.update("delete from sign_in_throttle where throttle_key = ?",
					accountKey(principal.getUsername()));
		}
	}

	/** Counts one failure and, past the free ones, blocks the key for a growing delay. */
	private Duration recordFailure(String key, int free) {
		Integer failures = this.jdbc.queryForObject(
				"""
						insert into sign_in_throttle as t (throttle_key, failures, window_started_at)
						values (?, 1, now())
						on conflict (throttle_key) do update set
						  failures = case when t.window_started_at < now() - make_interval(secs => ?) then 1 else t.failures + 1 end,
						  window_started_at = case when t.window_started_at < now() - make_interval(secs => ?) then now()
						                      else t.window_started_at end
						returning failures""",
				Integer.class, key, WINDOW.toSeconds(), WINDOW.toSeconds());
		if (failures == null || failures <= free) {
			return Duration.ZERO;
		}
		Duration delay = delayAfter(failures - free);
		this.jdbc.update("update sign_in_throttle set blocked_until = now() + make_interval(secs => ?) "
				+ "where throttle_key = ?", (double) delay.toMillis() / 1000, key);
		return delay;
	}

	/**
	 * 1 s after the first failure past the free ones, then 2, 4, 8 ... up to
	 * {@link #MAX_DELAY}.
	 */
	static Duration delayAfter(int excess) {
		long seconds = 1L << Math.min(excess - 1, 20);
		return Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds()));
	}

	private static String addressOf(Authentication attempt) {
		return (attempt.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress() : null;
	}

	private static String accountKey(String email) {
		String normalized = (email != null) ? email.strip().toLowerCase(Locale.ROOT) : "";
		return "account:" + ((normalized.length() > 300) ? normalized.substring(0, 300) : normalized);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
