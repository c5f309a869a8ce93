package dev.taskfeed.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.resilience.annotation.Retryable;

/**
 * Runs a transactional method again, in a new transaction, when it collided with a
 * concurrent one in the database: a deadlock, a serialization failure, a lock that could
 * not be had, or a row changed underneath it. A few quick tries with jitter; if it still
 * collides, the caller gets the exception (the API answers 409). The retry wraps the
 * transaction (Spring's retry advice is applied outside existing advisors), so every
 * attempt starts afresh.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Retryable(includes = { PessimisticLockingFailureException.class, OptimisticLockingFailureException.class },
		maxRetries = 4, delay = 20, jitter = 15, multiplier = 2, maxDelay = 200)
public @interface RetryOnCollision {

}
