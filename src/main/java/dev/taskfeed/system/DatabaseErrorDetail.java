package dev.taskfeed.system;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL's errors, as the driver words them, leave out the values: by default a
 * failed batch names its statement with every parameter ({@code title=('...')}) and a
 * unique violation its key ({@code Key (name)=(...) already exists}), and whoever logs
 * the exception then logs a user's titles, comments or names. Without the detail the
 * message keeps the error and its SQLState, which is what the API's answers and the logs
 * need. Set on every pool (Spring Boot's, and the embedded database's) before it opens a
 * connection.
 */
@Component
class DatabaseErrorDetail implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && !pool.isRunning()) {
			pool.addDataSourceProperty("logServerErrorDetail", "false");
		}
		return bean;
	}

}
