package dev.taskfeed.feed;

import dev.taskfeed.task.TaskView;

/** What a subscriber of {@code /user/queue/tasks} receives. */
public record TaskFeedMessage(String type, TaskView task) {
}
