//! Typed request parameters. CONTRACT SKELETON: owned by the api-model work;
//! `CustomerSearchBy` keeps its variants and `as_param`.

/// The 8 documented `busca` kinds of `GET /cliente`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CustomerSearchBy {
    Name,
    FantasyName,
    Document,
    Code,
    Phone,
    Login,
    Ipv4,
    Mac,
}

impl CustomerSearchBy {
    /// All kinds, in the order a key cycles through them.
    pub const ALL: [CustomerSearchBy; 8] = [
        Self::Name,
        Self::FantasyName,
        Self::Document,
        Self::Code,
        Self::Phone,
        Self::Login,
        Self::Ipv4,
        Self::Mac,
    ];

    /// The value sent as `busca`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Name => "nome_razaosocial",
            Self::FantasyName => "nome_fantasia",
            Self::Document => "cpf_cnpj",
            Self::Code => "codigo_cliente",
            Self::Phone => "telefone",
            Self::Login => "login_radius",
            Self::Ipv4 => "ipv4",
            Self::Mac => "mac",
        }
    }
}
