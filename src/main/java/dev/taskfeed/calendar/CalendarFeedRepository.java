package dev.taskfeed.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface CalendarFeedRepository extends JpaRepository<CalendarFeed, Long> {

	@Query("select f from CalendarFeed f join fetch f.user where f.secretHash = :secretHash")
	Optional<CalendarFeed> findBySecretHash(String secretHash);

	@Query("select f from CalendarFeed f where f.user.id = :userId order by f.createdAt, f.id")
	List<CalendarFeed> findByUserId(long userId);

	@Query("select f from CalendarFeed f where f.id = :id and f.user.id = :userId")
	Optional<CalendarFeed> findByIdAndUserId(long id, long userId);

	/**
	 * Records a fetch at most once a minute per URL: calendar clients poll, and a poll
	 * should stay a read.
	 */
	@Modifying
	@Query("update CalendarFeed f set f.lastUsedAt = :now where f.id = :id and (f.lastUsedAt is null or f.lastUsedAt < :before)")
	int markUsed(long id, Instant now, Instant before);

}
