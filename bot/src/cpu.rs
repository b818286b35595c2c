//! Keeps the daemon on one processor (`[runtime] one_cpu`, on by default).
//!
//! Every command passes between threads: the runtime thread hands each SQL statement to the
//! database connection's own thread and waits for its answer; the Matrix client's stores do
//! the same. When those threads sit on different processors, each hand-off wakes an idle
//! processor (an inter-processor interrupt, which costs most on virtual machines); on one
//! processor it is a plain thread switch. The engine benchmark measured about three times
//! the commands per second on a two-core machine (README, "Messungen"). The daemon waits on
//! the network far more than it computes, so one processor is enough.

/// Pins the calling thread, and every thread it starts afterwards, to the processor it runs
/// on now. Called before the runtime starts.
#[cfg(target_os = "linux")]
pub fn stay_on_this_cpu() -> std::io::Result<()> {
    use rustix::thread::{CpuSet, sched_getcpu, sched_setaffinity};
    let cpu = sched_getcpu();
    let mut set = CpuSet::new();
    set.set(cpu);
    Ok(sched_setaffinity(None, &set)?)
}

#[cfg(not(target_os = "linux"))]
pub fn stay_on_this_cpu() -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "only on Linux",
    ))
}
