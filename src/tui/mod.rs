//! The terminal layer: full-screen setup and restore (also on panic and
//! signals), the merged event stream, the frame writer, and a generic loop.
//!
//! How the console plugs in (see [`run::Program`]):
//!
//! ```no_run
//! # use hubdesk::tui::{events::EventSource, render::FrameWriter, run, terminal};
//! # async fn demo<P: run::Program>(app: &mut P,
//! #     inbox: &mut tokio::sync::mpsc::UnboundedReceiver<P::Msg>) -> std::io::Result<()> {
//! terminal::install_panic_hook();
//! let mut guard = terminal::TerminalGuard::enter(terminal::TerminalOptions::default())?;
//! let mut frames = FrameWriter::stdout()?;
//! let mut events = EventSource::new()?;
//! let screen = run::Screen { frames: &mut frames, guard: Some(&mut guard) };
//! let exit = run::run(app, &mut events, inbox, screen).await?;
//! drop(guard); // restores the terminal before anything is printed
//! std::process::exit(exit.code());
//! # }
//! ```

#![warn(missing_docs)]

pub mod events;
pub mod external;
pub mod render;
pub mod run;
pub mod terminal;
