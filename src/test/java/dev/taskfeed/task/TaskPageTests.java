package dev.taskfeed.task;

import java.util.List;

import dev.taskfeed.common.DomainException;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Pageable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The list parameters as a {@link Pageable}: defaults, the JPQL each sort orders by (a
 * stable order, due dates last when missing), and the field a bad value is blamed on.
 */
class TaskPageTests {

	@Test
	void noParametersAreTheFirstTwentyNewestFirst() {
		Pageable page = TaskPage.of(null, null, null, "createdAt,desc", TaskPage.SORTABLE);
		assertThat(page.getPageNumber()).isZero();
		assertThat(page.getPageSize()).isEqualTo(20);
		assertThat(TaskPage.orderBy(page, "t")).isEqualTo(" order by t.createdAt desc, t.id desc");
	}

	@Test
	void eachSortOrdersByItsColumnThenById() {
		assertThat(TaskPage.orderBy(TaskPage.of(2, 5, "title", "createdAt,desc", TaskPage.SORTABLE), "t"))
			.isEqualTo(" order by lower(t.title) asc, t.id asc");
		assertThat(TaskPage.orderBy(TaskPage.of(0, 5, " dueDate , DESC ", "createdAt,desc", TaskPage.SORTABLE), "t"))
			.isEqualTo(" order by t.dueDate desc nulls last, t.id desc");
		assertThat(TaskPage.orderBy(TaskPage.of(0, 5, "dueDate", "createdAt,desc", TaskPage.SORTABLE), "t"))
			.isEqualTo(" order by t.dueDate asc nulls last, t.id asc");
		assertThat(TaskPage.orderBy(TaskPage.of(0, 5, null, "deletedAt,desc", List.of("deletedAt")), "t"))
			.isEqualTo(" order by t.deletedAt desc, t.id desc");
		assertThat(TaskPage.of(3, 100, "status,asc", "createdAt,desc", TaskPage.SORTABLE).getOffset()).isEqualTo(300);
	}

	@Test
	void aBadValueNamesItsParameter() {
		assertInvalid("page", "must be 0 or more", -1, null, null);
		assertInvalid("size", "must be between 1 and 100", null, 0, null);
		assertInvalid("size", "must be between 1 and 100", null, 101, null);
		String fields = "must be one of createdAt, updatedAt, title, dueDate, status, optionally followed by ,asc or ,desc";
		assertInvalid("sort", fields, null, null, "password");
		assertInvalid("sort", fields, null, null, "id");
		assertInvalid("sort", fields, null, null, "title,asc,desc");
		assertInvalid("sort", fields, null, null, ",");
		assertInvalid("sort", fields, null, null, ",,");
		assertInvalid("sort", fields, null, null, ",asc");
		assertInvalid("sort", "direction must be asc or desc", null, null, "title,sideways");
	}

	private static void assertInvalid(String field, String reason, Integer page, Integer size, String sort) {
		assertThatExceptionOfType(DomainException.InvalidField.class)
			.isThrownBy(() -> TaskPage.of(page, size, sort, "createdAt,desc", TaskPage.SORTABLE))
			.satisfies((ex) -> {
				assertThat(ex.field()).isEqualTo(field);
				assertThat(ex.reason()).isEqualTo(reason);
			});
	}

}
