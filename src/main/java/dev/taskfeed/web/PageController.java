package dev.taskfeed.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Controller;

/**
 * A controller of HTML pages (each feature keeps its own in its {@code web} package).
 * What every page needs in its model ({@link PageModel}) is added to these, and only
 * these: the REST controllers pay nothing for it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {

}
