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

	/**
	 * The machine's CPU time so far, from {@code /proc/stat}: {total, stolen} in clock ticks.
	 * Stolen time is time a virtual machine's cores were ready to run but the host ran someone
	 * else; a run with much of it measured the neighbours as well.
	 */
	static long[] cpuTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			// user nice system idle iowait irq softirq steal (guest time is already in user)
			for (int i = 1; i <= 8 && i < fields.length; i++) {
				total += Long.parseLong(fields[i]);
			}
			long steal = (fields.length > 8) ? Long.parseLong(fields[8]) : 0;
			return new long[] { total, steal };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0 };
		}
	}

	/** The share of CPU time stolen between two {@link #cpuTicks()} readings, in per cent. */
	static double stolenPercent(long[] before, long[] after) {
		long total = after[0] - before[0];
		return (total <= 0) ? 0 : 100.0 * (after[1] - before[1]) / total;
	}

	/** The machine's busy CPU time so far (everything but idle and I/O wait), in clock ticks. */
	static long busyTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i <= 8 && i < fields.length; i++) {
				busy += (i == 4 || i == 5) ? 0 : Long.parseLong(fields[i]);
			}
			return busy;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** A process's CPU time so far (user and system), in clock ticks; 0 once it is gone. */
	static long processTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// after the command name in parentheses: state is field 3, utime 14, stime 15
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
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
