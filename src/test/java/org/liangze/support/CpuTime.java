package org.liangze.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and by the benchmark's PostgreSQL server (its postmaster and every backend), in
 * nanoseconds, read from {@code /proc} (Linux). Unlike elapsed time, it hardly moves when other builds share the
 * machine, so it compares the campaign with the stock engine even on a busy machine. A backend or autovacuum worker
 * that has exited is counted in its postmaster's time of reaped children, so what a closed connection pool or a
 * finished worker used is neither lost nor subtracted. -1 where {@code /proc} is not there.
 */
public final class CpuTime {

  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

  private CpuTime() {
  }

  public static long jvm() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * This JVM's CPU time by kind of thread (nanoseconds; the thread's name from {@code /proc}, digits dropped, so that
   * "GC Thread#1" and "GC Thread#0" count together), native threads — the garbage collector's, the JIT compilers' —
   * included. A thread that has ended is no longer counted: compare windows in which the threads measured live on.
   */
  public static java.util.Map<String, Long> jvmThreads() {
    java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
    try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
      threads.forEach(thread -> {
        String[] stat = stat(thread);
        if (stat == null) {
          return;
        }
        String name;
        try {
          name = Files.readString(thread.resolve("comm")).trim().replaceAll("[#\\-]?\\d+$", "")
              .replaceAll("\\d+", "");
        } catch (IOException e) {
          return;
        }
        byKind.merge(name, (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * NANOS_PER_TICK, Long::sum);
      });
    } catch (IOException | RuntimeException e) {
      return java.util.Map.of();
    }
    return byKind;
  }

  /** The server's postmaster (the one listening on {@code port}) and its children. */
  public static long postgres(int port) {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      long postmaster = postmaster(port);
      if (postmaster < 0) {
        return -1;
      }
      return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .mapToLong(p -> {
            String[] stat = stat(p);
            if (stat == null) {
              return 0;
            }
            long pid = Long.parseLong(p.getFileName().toString());
            long parent = Long.parseLong(stat[1]);
            if (pid == postmaster) {
              // its own time and its reaped children's (utime, stime, cutime, cstime)
              return (Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13])
                  + Long.parseLong(stat[14])) * NANOS_PER_TICK;
            }
            return parent == postmaster ? (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * NANOS_PER_TICK : 0;
          }).sum();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long postmaster(int port) throws IOException {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> {
            try {
              String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
              return cmd.contains("postgres") && cmd.contains("-p " + port + " ");
            } catch (IOException e) {
              return false;
            }
          })
          .mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElse(-1);
    }
  }

  /** Fields of /proc/pid/stat after the command: state, ppid, ..., utime (index 11), stime (12). */
  private static String[] stat(Path process) {
    try {
      String text = Files.readString(process.resolve("stat"));
      return text.substring(text.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
