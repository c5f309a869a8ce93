package dev.taskfeed;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TaskFeedApplication {

	public static void main(String[] args) {
		SpringApplication.run(TaskFeedApplication.class, args);
	}

}
