package dev.taskfeed.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on, and a process's resident memory. */
final class Machine {

	private Machine() {
	}

	static String describe(String serverJava) {
		long memKb = 0;
		String cpu = "unknown CPU";
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memKb = Long.parseLong(line.replaceAll("\\D+", ""));
				}
			}
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					cpu = line.substring(line.indexOf(':') + 1).strip();
					break;
				}
			}
		}
		catch (IOException ex) {
			// not Linux: leave the defaults
		}
		return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB memory, %s, server JVM %s",
				Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0,
				System.getProperty("os.name") + " " + System.getProperty("os.version"), javaVersion(serverJava));
	}

	static long rssKb(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D+", ""));
			}
		}
		return 0;
	}

	private static String javaVersion(String java) {
		try {
			Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			return out.lines().filter((line) -> line.contains("version")).findFirst().orElse(java).strip();
		}
		catch (IOException | InterruptedException ex) {
			return java;
		}
	}

}
