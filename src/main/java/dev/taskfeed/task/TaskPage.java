package dev.taskfeed.task;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.taskfeed.common.DomainException;

/**
 * Which slice of a list to return and in what order: {@code sort} is
 * {@code field[,asc|desc]}.
 */
public record TaskPage(int number, int size, String sortField, boolean ascending) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	/** The sort fields the API accepts, and the JPQL each orders by. */
	static final Map<String, String> SORT_FIELDS = Map.of("createdAt", "t.createdAt", "updatedAt", "t.updatedAt",
			"title", "lower(t.title)", "dueDate", "t.dueDate", "status", "t.status", "deletedAt", "t.deletedAt");

	public static final List<String> SORTABLE = List.of("createdAt", "updatedAt", "title", "dueDate", "status");

	public static TaskPage of(Integer page, Integer size, String sort, String defaultSort, List<String> allowed) {
		int number = (page == null) ? 0 : page;
		int pageSize = (size == null) ? DEFAULT_SIZE : size;
		if (number < 0) {
			throw DomainException.invalidField("page", "must be 0 or more");
		}
		if (pageSize < 1 || pageSize > MAX_SIZE) {
			throw DomainException.invalidField("size", "must be between 1 and " + MAX_SIZE);
		}
		String[] parts = ((sort == null || sort.isBlank()) ? defaultSort : sort).split(",");
		String field = parts[0].strip();
		if (!allowed.contains(field) || parts.length > 2) {
			throw DomainException.invalidField("sort",
					"must be one of " + String.join(", ", allowed) + ", optionally followed by ,asc or ,desc");
		}
		String direction = (parts.length == 2) ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
		if (!direction.equals("asc") && !direction.equals("desc")) {
			throw DomainException.invalidField("sort", "direction must be asc or desc");
		}
		return new TaskPage(number, pageSize, field, direction.equals("asc"));
	}

	long offset() {
		return (long) this.number * this.size;
	}

}
