package dev.taskfeed.bench;

import java.io.IOException;

/** Reads a process's resident memory five times a second and keeps the peak. */
final class RssSampler {

	private final Thread thread;

	private volatile boolean running = true;

	private volatile long peakKb;

	RssSampler(long pid) {
		this.thread = new Thread(() -> {
			while (this.running) {
				try {
					this.peakKb = Math.max(this.peakKb, Machine.rssKb(pid));
					Thread.sleep(200);
				}
				catch (IOException | InterruptedException ex) {
					return;
				}
			}
		}, "rss-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	long stop() throws InterruptedException {
		this.running = false;
		this.thread.join();
		return this.peakKb;
	}

}
