#!/usr/bin/env python3
"""Times several commands taken in turn (a, b, c, a, b, c...), so that a
slower or faster stretch of the machine falls on each of them alike; for
builds of a few milliseconds, where hyperfine's blocks of runs drift apart.

    python3 bench/in_turn.py RUNS 'command one' 'command two' ...

Each command runs three times untimed first (a rebuild then goes into its
previous output), then RUNS times in turn. Prints, per command, the median,
first quartile and minimum wall time and the median CPU time (user +
system, from wait4), in milliseconds. Output and errors are discarded.
"""
import os
import shlex
import statistics
import sys
import time


def run(argv, null):
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ,
                          file_actions=[(os.POSIX_SPAWN_DUP2, null, 1),
                                        (os.POSIX_SPAWN_DUP2, null, 2)])
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {shlex.join(argv)}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = [shlex.split(c) for c in sys.argv[2:]]
    null = os.open(os.devnull, os.O_WRONLY)
    for argv in commands:
        for _ in range(3):
            run(argv, null)
    walls = [[] for _ in commands]
    cpus = [[] for _ in commands]
    for _ in range(runs):
        for i, argv in enumerate(commands):
            wall, cpu = run(argv, null)
            walls[i].append(wall)
            cpus[i].append(cpu)
    for command, wall, cpu in zip(sys.argv[2:], walls, cpus):
        wall.sort()
        print(f"{command}\n  wall median {statistics.median(wall):.2f} ms, "
              f"first quartile {wall[len(wall) // 4]:.2f}, min {wall[0]:.2f}; "
              f"CPU median {statistics.median(cpu):.2f} ms")


main()
