package dev.taskfeed.task;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.taskfeed.common.DomainException;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Which slice of a task list to return and in what order, as a {@link Pageable}:
 * {@code page} from 0, {@code size} from 1 to {@value #MAX_SIZE}, {@code sort} one field
 * of a whitelist, {@code field[,asc|desc]}. A value out of range is a 400 naming its
 * parameter, where Spring Data's own resolver would quietly clamp or drop it.
 */
public final class TaskPage {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	/**
	 * The sort fields the API accepts (and the tie-breaker), and the JPQL each orders by
	 * ({@code %s}: the task's alias).
	 */
	static final Map<String, String> SORT_FIELDS = Map.of("createdAt", "%s.createdAt", "updatedAt", "%s.updatedAt",
			"title", "lower(%s.title)", "dueDate", "%s.dueDate", "status", "%s.status", "deletedAt", "%s.deletedAt",
			"id", "%s.id");

	public static final List<String> SORTABLE = List.of("createdAt", "updatedAt", "title", "dueDate", "status");

	/** The trash sorts by when a task was deleted too. */
	public static final List<String> TRASH_SORTABLE = List.of("deletedAt", "createdAt", "updatedAt", "title", "dueDate",
			"status");

	private TaskPage() {
	}

	public static Pageable of(Integer page, Integer size, String sort, String defaultSort, List<String> allowed) {
		int number = (page == null) ? 0 : page;
		int pageSize = (size == null) ? DEFAULT_SIZE : size;
		if (number < 0) {
			throw DomainException.invalidField("page", "must be 0 or more");
		}
		if (pageSize < 1 || pageSize > MAX_SIZE) {
			throw DomainException.invalidField("size", "must be between 1 and " + MAX_SIZE);
		}
		String[] parts = ((sort == null || sort.isBlank()) ? defaultSort : sort).split(",");
		// "," alone splits into nothing at all
		String field = (parts.length > 0) ? parts[0].strip() : "";
		if (!allowed.contains(field) || parts.length > 2) {
			throw DomainException.invalidField("sort",
					"must be one of " + String.join(", ", allowed) + ", optionally followed by ,asc or ,desc");
		}
		String direction = (parts.length == 2) ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
		if (!direction.equals("asc") && !direction.equals("desc")) {
			throw DomainException.invalidField("sort", "direction must be asc or desc");
		}
		Sort.Order order = new Sort.Order(Sort.Direction.fromString(direction), field);
		// tasks without a due date come last either way; equal values keep a stable order
		Sort.Order first = field.equals("dueDate") ? order.nullsLast() : order;
		return PageRequest.of(number, pageSize, Sort.by(first, new Sort.Order(order.getDirection(), "id")));
	}

	/**
	 * The JPQL {@code order by} of a page made by {@link #of}, for tasks named
	 * {@code alias}.
	 */
	static String orderBy(Pageable page, String alias) {
		return page.getSort()
			.stream()
			.map((order) -> orderBy(order, alias))
			.collect(Collectors.joining(", ", " order by ", ""));
	}

	private static String orderBy(Sort.Order order, String alias) {
		return SORT_FIELDS.get(order.getProperty()).formatted(alias) + (order.isAscending() ? " asc" : " desc")
				+ ((order.getNullHandling() == Sort.NullHandling.NULLS_LAST) ? " nulls last" : "");
	}

}
