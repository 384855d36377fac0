//! The embedded HubSoft simulator. CONTRACT SKELETON: owned by the sim work.
