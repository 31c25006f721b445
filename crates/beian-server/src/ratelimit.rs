//! A token bucket per client address, for the public routes (the public
//! lookup, issue 15): `burst` requests at once, then `per_minute` a minute.
//! In memory, per process: behind a load balancer each `beian serve`
//! limits what reaches it.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most addresses remembered; past it, the full buckets are forgotten.
const MAX_CLIENTS: usize = 100_000;

/// Token buckets by client address.
#[derive(Debug)]
pub struct RateLimit {
    per_minute: u32,
    burst: u32,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimit {
    /// `burst` requests at once, refilled at `per_minute` a minute (at
    /// least one of each).
    pub fn new(per_minute: u32, burst: u32) -> RateLimit {
        RateLimit {
            per_minute: per_minute.max(1),
            burst: burst.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token of `client`'s bucket at `now`: `Ok`, or `Err` with
    /// the time until the next token.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// let limit = beian_server::ratelimit::RateLimit::new(60, 2);
    /// let (me, t) = ("192.0.2.1".parse().unwrap(), Instant::now());
    /// assert!(limit.take(me, t).is_ok());
    /// assert!(limit.take(me, t).is_ok());
    /// assert_eq!(limit.take(me, t), Err(Duration::from_secs(1)));
    /// assert!(limit.take(me, t + Duration::from_secs(1)).is_ok());
    /// assert!(limit.take("192.0.2.2".parse().unwrap(), t).is_ok());
    /// ```
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let rate = f64::from(self.per_minute) / 60.0;
        let burst = f64::from(self.burst);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&client) {
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let (tokens, at) = buckets.entry(client).or_insert((burst, now));
        *tokens = (*tokens + now.saturating_duration_since(*at).as_secs_f64() * rate).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(((1.0 - *tokens) / rate).ceil()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refills_at_the_rate_and_never_above_the_burst() {
        let limit = RateLimit::new(30, 3);
        let me: IpAddr = "2001:db8::1".parse().unwrap();
        let t = Instant::now();
        for _ in 0..3 {
            assert!(limit.take(me, t).is_ok());
        }
        assert_eq!(limit.take(me, t), Err(Duration::from_secs(2)));
        // An hour later: the burst again, not 30 × 60.
        let later = t + Duration::from_secs(3600);
        for _ in 0..3 {
            assert!(limit.take(me, later).is_ok());
        }
        assert!(limit.take(me, later).is_err());
        // A clock that goes back does not panic nor give tokens.
        assert!(limit.take(me, t).is_err());
    }
}
