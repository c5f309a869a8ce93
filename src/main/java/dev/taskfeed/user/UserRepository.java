package dev.taskfeed.user;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, Long> {

	// lower() on both sides so the unique index on lower(email) serves the lookup
	@Query("select u from User u where lower(u.email) = lower(:email)")
	Optional<User> findByEmail(String email);

}
