package dev.taskfeed;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.resilience.annotation.EnableResilientMethods;

@SpringBootApplication
@ConfigurationPropertiesScan
// transactions that collide in the database run again (see common.RetryOnCollision)
@EnableResilientMethods
public class TaskFeedApplication {

	public static void main(String[] args) {
		SpringApplication.run(TaskFeedApplication.class, args);
	}

}
