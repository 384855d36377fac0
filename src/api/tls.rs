//! The rustls configuration handed to reqwest.
//!
//! reqwest is built with `rustls-no-provider`: left alone it would look for a
//! process-wide crypto provider and panic when none is installed. Handing it a
//! ready `rustls::ClientConfig` built on the ring provider means building a
//! client never panics and never touches process-global state, which matters
//! for a library that others embed.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use super::error::ApiError;

/// Builds the TLS configuration: the platform's trust store, or (when the ISP
/// runs a self-signed certificate and the operator said so) no certificate
/// checks at all.
///
/// A client whose server is plain `http://` (the loopback simulator, or an
/// explicitly allowed insecure host) never needs TLS, and loading the
/// platform's trust store costs tens of milliseconds before the first frame;
/// it gets an empty root store instead, so a redirect to https fails closed.
pub(crate) fn client_config(
    accept_invalid_certs: bool,
    plain_http: bool,
) -> Result<rustls::ClientConfig, ApiError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?;
    if plain_http && !accept_invalid_certs {
        let mut config = builder
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        return Ok(config);
    }
    let verifier: Arc<dyn ServerCertVerifier> = if accept_invalid_certs {
        Arc::new(AcceptAnyCertificate { provider })
    } else {
        Arc::new(rustls_platform_verifier::Verifier::new(provider).map_err(tls_error)?)
    };
    let mut config = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    // reqwest only negotiates HTTP/2 over TLS when ALPN offers it.
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

fn tls_error(e: rustls::Error) -> ApiError {
    ApiError::Config {
        reason: format!("TLS set-up failed: {e}"),
    }
}

/// Accepts any server certificate (`accept_invalid_certs`), but still checks
/// the handshake signatures so that the session keys belong to that certificate.
#[derive(Debug)]
struct AcceptAnyCertificate {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_needs_no_trust_store_but_keeps_alpn() {
        // Built without reading the platform's certificates (the start-up
        // cost this avoids); it still offers both protocols to reqwest.
        let config = client_config(false, true).expect("config builds");
        assert_eq!(
            config.alpn_protocols,
            vec![b"h2".to_vec(), b"http/1.1".to_vec()]
        );
        let tls = client_config(false, false).expect("platform verifier builds");
        assert_eq!(tls.alpn_protocols, config.alpn_protocols);
    }
}
