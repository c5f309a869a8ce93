package dev.taskfeed.common;

import java.util.List;

/** A page of a list: {@code {"content":[...],"page":{"size","number","totalElements","totalPages"}}}. */
public record PageView<T>(List<T> content, Metadata page) {

	public static <T> PageView<T> of(List<T> content, int number, int size, long totalElements) {
		int totalPages = (int) ((totalElements + size - 1) / size);
		return new PageView<>(content, new Metadata(size, number, totalElements, totalPages));
	}

	public record Metadata(int size, int number, long totalElements, int totalPages) {
	}

}
