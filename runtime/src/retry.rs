//! Throttling by Microsoft's guidance: which answers are retried, how long
//! to wait (`Retry-After` in seconds or as an HTTP date, else exponential
//! backoff with jitter), and the bounds on attempts and total time.

use std::time::{Duration, SystemTime};

/// When and how a throttled or unavailable answer is tried again. Only
/// requests whose body can be sent again are retried (a streamed upload
/// is not).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 3).
    pub max_retries: u32,
    /// The longest time a call spends, waits included, before it stops
    /// retrying and returns the last answer (default 2 minutes).
    pub max_total: Duration,
    /// The longest `Retry-After` honoured; longer waits are cut to it
    /// (default 60 s).
    pub max_retry_after: Duration,
    /// The first backoff without `Retry-After`; it doubles per retry
    /// (default 1 s), up to `max_backoff` (default 30 s).
    pub base_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            max_total: Duration::from_secs(120),
            max_retry_after: Duration::from_secs(60),
            base_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Whether an answer with this status is tried again: 429 Too Many
    /// Requests, 503 Service Unavailable and 504 Gateway Timeout.
    pub fn retries_status(&self, status: u16) -> bool {
        matches!(status, 429 | 503 | 504)
    }

    /// How long to wait before retry number `retry` (0 for the first):
    /// the answer's `Retry-After` (cut to `max_retry_after`), else
    /// exponential backoff with jitter.
    pub fn delay(&self, retry: u32, retry_after: Option<&str>, now: SystemTime) -> Duration {
        match retry_after.and_then(|v| parse_retry_after(v, now)) {
            Some(wait) => wait.min(self.max_retry_after),
            None => self.backoff(retry),
        }
    }

    /// Exponential backoff with "equal jitter": half the doubled delay for
    /// sure, the other half at random, so clients throttled together do
    /// not come back together.
    pub fn backoff(&self, retry: u32) -> Duration {
        let full = self
            .base_backoff
            .saturating_mul(1u32 << retry.min(16))
            .min(self.max_backoff);
        let half = full / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// A `Retry-After` value: delay-seconds or an HTTP date (RFC 9110 10.2.3).
/// A date in the past means now.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2026 07:28:00 GMT").unwrap();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn backoff_doubles_within_jitter_and_is_capped() {
        let policy = RetryPolicy::default();
        for retry in 0..8 {
            let full = (Duration::from_secs(1) * (1 << retry)).min(Duration::from_secs(30));
            for _ in 0..50 {
                let d = policy.backoff(retry);
                assert!(d >= full / 2 && d <= full, "{retry}: {d:?}");
            }
        }
        // Jittered: 50 draws are not all the same.
        let draws: std::collections::BTreeSet<Duration> =
            (0..50).map(|_| policy.backoff(3)).collect();
        assert!(draws.len() > 1);
    }

    #[test]
    fn retry_after_wins_over_backoff_but_is_capped() {
        let policy = RetryPolicy::default();
        let now = SystemTime::now();
        assert_eq!(policy.delay(0, Some("2"), now), Duration::from_secs(2));
        assert_eq!(policy.delay(0, Some("3600"), now), Duration::from_secs(60));
        assert!(policy.delay(2, None, now) >= Duration::from_secs(2));
        assert!(policy.retries_status(504) && !policy.retries_status(500));
    }
}
