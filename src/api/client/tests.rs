use super::*;

#[test]
fn backoff_doubles_and_is_capped() {
    let base = Duration::from_millis(250);
    let cap = Duration::from_secs(30);
    assert_eq!(backoff_delay(base, 0, cap, 0.0), base);
    assert_eq!(backoff_delay(base, 2, cap, 0.0), Duration::from_secs(1));
    assert_eq!(
        backoff_delay(base, 0, cap, 0.999),
        base + base.mul_f64(0.999 / 4.0)
    );
    assert_eq!(backoff_delay(base, 40, cap, 0.5), cap);
    let j = jitter_fraction();
    assert!((0.0..1.0).contains(&j));
}

#[test]
fn retry_policy_honours_retry_after_and_spares_actions() {
    let policy = RetryPolicy {
        max_read_retries: 2,
        base: Duration::from_millis(100),
        cap: Duration::from_secs(30),
    };
    let limited = |secs: Option<u64>| ApiError::RateLimited {
        route: "r",
        retry_after: secs.map(Duration::from_secs),
    };
    let read = CallKind::Read;
    assert_eq!(
        policy.delay(read, &limited(Some(3)), 0, 0.5),
        Some(Duration::from_secs(3))
    );
    assert_eq!(
        policy.delay(read, &limited(Some(600)), 1, 0.5),
        Some(Duration::from_secs(30))
    );
    assert_eq!(
        policy.delay(read, &limited(None), 1, 0.0),
        Some(Duration::from_millis(200))
    );
    assert_eq!(policy.delay(read, &limited(Some(1)), 2, 0.0), None);
    let http = |status| ApiError::Http {
        route: "r",
        status,
        excerpt: String::new(),
    };
    assert!(policy.delay(read, &http(503), 0, 0.0).is_some());
    assert_eq!(policy.delay(read, &http(400), 0, 0.0), None);
    for kind in [CallKind::Action, CallKind::SlowAction] {
        assert_eq!(policy.delay(kind, &http(503), 0, 0.0), None);
        assert_eq!(policy.delay(kind, &limited(Some(1)), 0, 0.0), None);
    }
    let refused = ApiError::Refused {
        route: "r",
        msg: "não".into(),
        errors: vec![],
    };
    assert_eq!(policy.delay(read, &refused, 0, 0.0), None);
}

#[test]
fn loopback_detection() {
    let lb = |s: &str| is_loopback(&Url::parse(s).unwrap());
    assert!(lb("http://127.0.0.1:8080"));
    assert!(lb("http://127.5.6.7"));
    assert!(lb("http://[::1]:9"));
    assert!(lb("http://LOCALHOST/x"));
    assert!(!lb("http://10.0.0.1"));
    assert!(!lb("http://localhost.example.com"));
}
