package dev.taskfeed.project;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ProjectMemberRepository extends JpaRepository<ProjectMember, ProjectMember.Key> {

	@Query("select m from ProjectMember m join fetch m.project where m.project.id = :projectId and m.user.id = :userId")
	Optional<ProjectMember> find(long projectId, long userId);

	/** The same with the member's user, so a write that needs both asks once. */
	@Query("select m from ProjectMember m join fetch m.project join fetch m.user where m.project.id = :projectId and m.user.id = :userId")
	Optional<ProjectMember> findWithUser(long projectId, long userId);

	/** The user's membership of their personal project, with the project and the user. */
	@Query("select m from ProjectMember m join fetch m.project p join fetch m.user where p.personalUserId = :userId and m.user.id = :userId")
	Optional<ProjectMember> findPersonalWithUser(long userId);

	@Query("""
			select m from ProjectMember m join fetch m.user
			where m.project.id = :projectId
			order by case m.role when 'OWNER' then 0 when 'EDITOR' then 1 else 2 end, lower(m.user.displayName), m.user.id""")
	List<ProjectMember> findByProject(long projectId);

	@Query("select count(m) from ProjectMember m where m.project.id = :projectId and m.role = 'OWNER'")
	long countOwners(long projectId);

	@Query("select count(m) from ProjectMember m where m.project.id = :projectId")
	long countMembers(long projectId);

}
