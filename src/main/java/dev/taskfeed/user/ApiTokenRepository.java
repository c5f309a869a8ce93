package dev.taskfeed.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

	@Query("select t from ApiToken t join fetch t.user where t.tokenHash = :tokenHash")
	Optional<ApiToken> findByTokenHash(String tokenHash);

	@Query("select t from ApiToken t where t.user.id = :userId order by t.createdAt, t.id")
	List<ApiToken> findByUserId(long userId);

	@Query("select t from ApiToken t where t.id = :id and t.user.id = :userId")
	Optional<ApiToken> findByIdAndUserId(long id, long userId);

	/** Records a use at most once a minute per token, so the fast path stays a read. */
	@Modifying
	@Query("update ApiToken t set t.lastUsedAt = :now where t.id = :id and (t.lastUsedAt is null or t.lastUsedAt < :before)")
	int markUsed(long id, Instant now, Instant before);

}
