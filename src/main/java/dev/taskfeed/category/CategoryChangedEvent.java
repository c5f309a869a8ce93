package dev.taskfeed.category;

/**
 * A category was renamed, recoloured or is being deleted, inside the transaction that
 * does it. Whatever shows the category (the tasks linked to it) changes in the same
 * transaction.
 *
 * @param projectId the project it belongs to
 * @param categoryId the category
 * @param deleted whether it is going away (its links go with it)
 */
public record CategoryChangedEvent(long projectId, long categoryId, boolean deleted) {
}
