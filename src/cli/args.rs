//! The command line as clap parses it. Help texts are filled from the i18n
//! catalog at run time (see `help.rs`), so the doc comments here are for
//! readers of the code only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::api::ServiceOrderStatus;
use crate::api::params::CustomerSearchBy;

/// The whole command line.
#[derive(Debug, Parser)]
#[command(name = "hubdesk", version, disable_help_subcommand = true)]
pub struct Cli {
    /// Flags shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Use the embedded simulator instead of a server.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Console: instant type-ahead over an in-memory index of `cliente/all`.
    #[arg(long)]
    pub typeahead: bool,
    /// What to do; none runs the console.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags accepted before or after any command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Profile from the config file.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Config file to read instead of the default.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// HubSoft server address.
    #[arg(long, global = true, value_name = "URL")]
    pub host: Option<String>,
    /// Interface language.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    /// No colours.
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Colour theme.
    #[arg(long, global = true, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Refuse every action.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Mask personal data.
    #[arg(long, global = true)]
    pub privacy: bool,
    /// Accept an invalid TLS certificate.
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Log level of the log file.
    #[arg(long, global = true, value_enum, default_value_t = LogLevel::Info)]
    pub log_level: LogLevel,
    /// Request timeout in seconds.
    #[arg(long, global = true, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: Option<u64>,
    /// JSON output.
    #[arg(long, global = true)]
    pub json: bool,
    /// Do actions without asking.
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Allow core dumps (off by default: they hold secrets).
    #[arg(long, global = true)]
    pub allow_core_dump: bool,
}

/// `--theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    // Light text on a dark terminal.
    Dark,
    // Dark text on a light terminal.
    Light,
    // No colours.
    Mono,
}

/// `--log-level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogLevel {
    // Nothing is logged.
    Off,
    // Errors only.
    Error,
    // Errors and warnings.
    Warn,
    // Normal.
    Info,
    // Detailed.
    Debug,
    // Very detailed.
    Trace,
}

impl LogLevel {
    /// The tracing filter.
    pub fn filter(self) -> tracing_subscriber::filter::LevelFilter {
        use tracing_subscriber::filter::LevelFilter as L;
        match self {
            LogLevel::Off => L::OFF,
            LogLevel::Error => L::ERROR,
            LogLevel::Warn => L::WARN,
            LogLevel::Info => L::INFO,
            LogLevel::Debug => L::DEBUG,
            LogLevel::Trace => L::TRACE,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find customers.
    Search(SearchArgs),
    /// One customer with services.
    Customer {
        /// Customer code, CPF/CNPJ, s:SERVICE_ID, c:CUSTOMER_ID or x:EXTERNAL_ID.
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// A customer's invoices.
    Invoices {
        /// Customer code, CPF/CNPJ, s:SERVICE_ID, c:CUSTOMER_ID or x:EXTERNAL_ID.
        #[arg(value_name = "REF")]
        reference: String,
        /// Paid invoices too.
        #[arg(long)]
        all: bool,
        /// At most N invoices.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// A customer's tickets.
    Tickets {
        /// Customer code, CPF/CNPJ, s:SERVICE_ID, c:CUSTOMER_ID or x:EXTERNAL_ID.
        #[arg(value_name = "REF")]
        reference: String,
        /// Closed tickets too.
        #[arg(long)]
        all: bool,
        /// At most N tickets.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Each ticket's message thread (current servers).
        #[arg(long)]
        messages: bool,
    },
    /// A customer's service orders.
    Orders {
        /// Customer code, CPF/CNPJ, s:SERVICE_ID, c:CUSTOMER_ID or x:EXTERNAL_ID.
        #[arg(value_name = "REF")]
        reference: String,
        /// Only orders with this status.
        #[arg(long, value_enum, value_name = "S")]
        status: Option<OrderStatusArg>,
        /// At most N orders.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// A login's connection history.
    Connections {
        /// PPPoE/RADIUS login.
        login: String,
        /// First day.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// At most N sessions.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// A service's router and Wi-Fi passwords (hidden unless asked).
    Passwords {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
        /// Print the passwords themselves (in the table and in --json).
        #[arg(long)]
        show_secrets: bool,
    },
    /// Who held an IP or MAC: sessions by address.
    WhoHad {
        /// IPv4, MAC or IPv6 address.
        #[arg(value_name = "ADDRESS")]
        address: String,
        /// Read an IPv6 address as the delegated (LAN) prefix.
        #[arg(long)]
        lan: bool,
        /// First day.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// At most N sessions.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// Trust unlock of a service.
    Unlock {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
        /// Days unlocked.
        #[arg(long, value_name = "N")]
        days: Option<u32>,
    },
    /// Clear the MAC bound to a service.
    ResetMac {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
    },
    /// Clear the equipment's (ONU/CPE) MAC bound to a service.
    ResetPhy {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
    },
    /// Enable, suspend or activate a service.
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Drop a service's session.
    Disconnect {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
    },
    /// Send an invoice again.
    SendInvoice {
        /// id_fatura.
        #[arg(value_name = "INVOICE_ID")]
        invoice_id: u64,
        /// Channel.
        #[arg(long, value_enum)]
        via: Via,
        /// Extra recipient.
        #[arg(long, value_name = "X")]
        to: Vec<String>,
    },
    /// Open or close a ticket.
    #[command(subcommand)]
    Ticket(TicketCommand),
    /// Check the credentials.
    Login,
    /// The config file.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Run the simulator on its own.
    Sim(crate::sim::SimArgs),
    /// Latest audit entries, or the shift report.
    Audit {
        /// At most N entries.
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Only from WHEN: a period back from now (30m, 8h, 2d) or a date.
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
        /// The shift report: actions per kind and attendant, refusals and
        /// unknowns.
        #[arg(long)]
        summary: bool,
    },
    /// Network inventory.
    #[command(subcommand)]
    Network(NetworkCommand),
    /// Prospects: search and create.
    #[command(subcommand)]
    Prospects(ProspectsCommand),
    /// Plans offered to prospects at a CEP.
    Plans {
        /// CEP.
        cep: String,
    },
    /// Cities and neighbourhoods.
    Cities {
        /// Optional filter text.
        #[arg(value_name = "FILTER")]
        filter: Option<String>,
    },
    /// Receivables of all customers (`/financeiro`).
    Receivables(ReceivablesArgs),
    /// PBX call pop-ups.
    #[command(subcommand)]
    Pbx(PbxCommand),
    /// Bulk export.
    #[command(subcommand)]
    Export(ExportCommand),
    /// CPEs known to the ISP's system.
    #[command(subcommand)]
    Cpe(CpeCommand),
    /// Screen pop: hand a caller's number to the running console.
    Call {
        /// Caller's number.
        #[arg(value_name = "PHONE")]
        phone: String,
    },
    /// Shell completions.
    Completions {
        /// Shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Manual page (roff).
    Man,
}

/// `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for.
    #[arg(value_name = "TERM")]
    pub term: String,
    /// Search kind instead of detecting it.
    #[arg(long, value_enum, value_name = "KIND")]
    pub by: Option<KindArg>,
    /// Include cancelled services.
    #[arg(long)]
    pub cancelled: bool,
    /// At most N customers.
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

/// `--by`: the `busca` kinds of `/cliente`, by HubSoft's names or short
/// ones (the last three on current servers only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    // Name or company name.
    #[value(name = "nome_razaosocial", alias = "name")]
    Name,
    // Trade name.
    #[value(name = "nome_fantasia", alias = "fantasy-name")]
    FantasyName,
    // CPF or CNPJ.
    #[value(name = "cpf_cnpj", alias = "document")]
    Document,
    // Customer code.
    #[value(name = "codigo_cliente", alias = "code")]
    Code,
    // Phone.
    #[value(name = "telefone", alias = "phone")]
    Phone,
    // RADIUS login.
    #[value(name = "login_radius", alias = "login")]
    Login,
    // IPv4 address.
    #[value(name = "ipv4")]
    Ipv4,
    // MAC address.
    #[value(name = "mac")]
    Mac,
    // A service's id (current servers).
    #[value(name = "id_cliente_servico", alias = "service-id")]
    ServiceId,
    // The customer's internal id (current servers).
    #[value(name = "id_cliente", alias = "customer-id")]
    CustomerId,
    // Another system's id for the customer (current servers).
    #[value(name = "id_externo", alias = "external-id")]
    ExternalId,
}

impl From<KindArg> for CustomerSearchBy {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Name => CustomerSearchBy::Name,
            KindArg::FantasyName => CustomerSearchBy::FantasyName,
            KindArg::Document => CustomerSearchBy::Document,
            KindArg::Code => CustomerSearchBy::Code,
            KindArg::Phone => CustomerSearchBy::Phone,
            KindArg::Login => CustomerSearchBy::Login,
            KindArg::Ipv4 => CustomerSearchBy::Ipv4,
            KindArg::Mac => CustomerSearchBy::Mac,
            KindArg::ServiceId => CustomerSearchBy::ServiceId,
            KindArg::CustomerId => CustomerSearchBy::CustomerId,
            KindArg::ExternalId => CustomerSearchBy::ExternalId,
        }
    }
}

/// `orders --status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderStatusArg {
    // Pending.
    #[value(name = "pendente", alias = "pending")]
    Pending,
    // Waiting to be scheduled.
    #[value(name = "aguardando_agendamento", alias = "scheduling")]
    AwaitingSchedule,
    // Finished.
    #[value(name = "finalizado", alias = "finished")]
    Finished,
}

impl OrderStatusArg {
    /// The API's status.
    pub fn to_api(self) -> ServiceOrderStatus {
        match self {
            OrderStatusArg::Pending => ServiceOrderStatus::Pending,
            OrderStatusArg::AwaitingSchedule => ServiceOrderStatus::AwaitingScheduling,
            OrderStatusArg::Finished => ServiceOrderStatus::Finished,
        }
    }
}

/// `send-invoice --via`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Via {
    // E-mail.
    Email,
    // SMS.
    Sms,
    // App notification.
    Push,
}

/// `ticket ...`.
#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// Open a ticket on a service.
    Open {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
        /// What the customer reports.
        #[arg(long, value_name = "D", required_unless_present = "template")]
        description: Option<String>,
        /// A canned text (`[templates]`) as the description, filled.
        #[arg(long, value_name = "NAME", conflicts_with = "description")]
        template: Option<String>,
        /// Who asked.
        #[arg(long, value_name = "N")]
        name: String,
        /// Requester's phone.
        #[arg(long, value_name = "P")]
        phone: String,
        /// Requester's e-mail.
        #[arg(long, value_name = "E")]
        email: Option<String>,
        /// Also open a service order.
        #[arg(long)]
        with_order: bool,
        /// id_tipo_atendimento (none: SAC).
        #[arg(long = "type", value_name = "ID")]
        ticket_type: Option<u64>,
        /// id_tipo_ordem_servico of the order.
        #[arg(long, value_name = "ID", requires = "with_order")]
        order_type: Option<u64>,
        /// Status of the order.
        #[arg(long, value_name = "S", requires = "with_order")]
        order_status: Option<String>,
        /// A technician of the order (repeatable).
        #[arg(long = "technician", value_name = "ID", requires = "with_order")]
        technicians: Vec<u64>,
    },
    /// Add text at the end of an open ticket's description.
    Append {
        /// The ticket's protocol.
        #[arg(value_name = "N")]
        protocol: String,
        /// The text to add.
        #[arg(long, value_name = "T")]
        text: String,
    },
    /// Close a ticket.
    Close {
        /// id_atendimento.
        #[arg(value_name = "ID")]
        id: u64,
        /// Closing text, sent in `parametros.texto_fechamento` (never in
        /// `descricao`, the customer's opening description).
        #[arg(long, value_name = "D")]
        description: Option<String>,
        /// A canned text (`[templates]`) as the closing text, filled.
        #[arg(long, value_name = "NAME", conflicts_with = "description")]
        template: Option<String>,
        /// The ticket's service: its customer and the ticket's protocol
        /// are read to fill the canned text.
        #[arg(long, value_name = "SERVICE_ID", requires = "template")]
        service: Option<u64>,
    },
}

/// `service ...`.
#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Enable a suspended service.
    Enable {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
        /// motivo_habilitacao.
        #[arg(long, value_name = "T")]
        reason: String,
    },
    /// Suspend a service.
    Suspend {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
        /// tipo_suspensao.
        #[arg(long, value_enum, value_name = "K")]
        kind: SuspendArg,
    },
    /// Activate a service.
    Activate {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
    },
}

/// `service suspend --kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuspendArg {
    /// suspenso_debito.
    #[value(name = "debito", alias = "debt")]
    Debt,
    /// suspenso_pedido_cliente.
    #[value(name = "pedido", alias = "request")]
    Request,
}

/// `config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Where the config, data and logs are.
    Path,
    /// Check the config file.
    Check,
    /// Print a commented example config.
    Example,
}

/// `network ...`.
#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// POPs with their equipment.
    Pops {
        /// Optional filter text.
        #[arg(value_name = "FILTER")]
        filter: Option<String>,
    },
    /// Connection equipment.
    Equipment {
        /// Optional filter text.
        #[arg(value_name = "FILTER")]
        filter: Option<String>,
    },
    /// Service zones with their interfaces.
    Zones {
        /// Optional filter text.
        #[arg(value_name = "FILTER")]
        filter: Option<String>,
    },
}

/// `prospects ...`.
#[derive(Debug, Subcommand)]
pub enum ProspectsCommand {
    /// Search prospects by name.
    Search {
        /// Part of the name.
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// Register a prospect.
    Create(Box<ProspectArgs>),
}

/// `prospects create`: one flag per field of `POST /prospecto`.
#[derive(Debug, Args)]
pub struct ProspectArgs {
    /// nome_razaosocial.
    #[arg(long, value_name = "N")]
    pub name: String,
    /// cpf_cnpj (tipo_pessoa follows from it).
    #[arg(long, value_name = "CPF_CNPJ", alias = "cpf-cnpj")]
    pub document: String,
    /// telefone.
    #[arg(long, value_name = "P")]
    pub phone: String,
    /// email.
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    /// cep.
    #[arg(long, value_name = "CEP")]
    pub cep: String,
    /// servico.id_servico.
    #[arg(long, value_name = "ID")]
    pub plan: u64,
    /// servico.valor; else the plan's price at the CEP.
    #[arg(long, value_name = "R$", alias = "valor")]
    pub value: Option<String>,
    /// endereco.
    #[arg(long, value_name = "S", alias = "endereco")]
    pub street: String,
    /// numero.
    #[arg(long, value_name = "N", alias = "numero")]
    pub number: String,
    /// bairro.
    #[arg(long, value_name = "B", alias = "bairro")]
    pub neighbourhood: String,
    /// City, only to check the neighbourhood.
    #[arg(long, value_name = "C", alias = "cidade")]
    pub city: Option<String>,
    /// observacao.
    #[arg(long, value_name = "T", alias = "observacao")]
    pub note: Option<String>,
}

/// `receivables`.
#[derive(Debug, Args)]
pub struct ReceivablesArgs {
    /// data_inicio.
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// data_fim.
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// tipo_data.
    #[arg(long, value_enum, value_name = "D")]
    pub date_type: Option<DateTypeArg>,
    /// apenas_quitado=sim.
    #[arg(long)]
    pub paid_only: bool,
    /// order_by.
    #[arg(long, value_enum, value_name = "BY")]
    pub order: Option<OrderArg>,
    /// order_type=desc.
    #[arg(long)]
    pub desc: bool,
    /// busca/termo_busca.
    #[arg(long, value_name = "REF")]
    pub customer: Option<String>,
    /// limit.
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

/// `receivables --date-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateTypeArg {
    // Due date.
    #[value(name = "vencimento", alias = "data_vencimento", alias = "due")]
    Due,
    // Payment date.
    #[value(name = "pagamento", alias = "data_pagamento", alias = "payment")]
    Payment,
}

/// `receivables --order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    // Due date.
    #[value(name = "vencimento", alias = "data_vencimento", alias = "due")]
    Due,
    // Payment date.
    #[value(name = "pagamento", alias = "data_pagamento", alias = "payment")]
    Payment,
    // Amount.
    #[value(name = "valor", alias = "value")]
    Value,
}

/// `pbx ...`.
#[derive(Debug, Subcommand)]
pub enum PbxCommand {
    /// Notify an incoming call.
    Notify {
        /// Caller's number.
        #[arg(long, value_name = "P")]
        phone: String,
        /// codigo_cliente.
        #[arg(long, value_name = "CODE")]
        customer: Option<u64>,
        /// Whose pop-up.
        #[command(flatten)]
        target: PbxTarget,
    },
    /// Close the pop-up of a missed call.
    Cancel {
        /// Caller's number.
        #[arg(long, value_name = "P")]
        phone: Option<String>,
        /// codigo_cliente.
        #[arg(long, value_name = "CODE")]
        customer: Option<u64>,
        /// Whose pop-up.
        #[command(flatten)]
        target: PbxTarget,
    },
}

/// The attendant a PBX pop-up is for; the profile's `ramal` by default.
#[derive(Debug, Args)]
pub struct PbxTarget {
    /// ramal.
    #[arg(long, value_name = "R")]
    pub ramal: Option<String>,
    /// identificador_interno.
    #[arg(long, value_name = "ID", conflicts_with = "ramal")]
    pub internal_id: Option<String>,
}

/// `cpe ...`.
#[derive(Debug, Subcommand)]
pub enum CpeCommand {
    /// One page of CPEs (`rede/cpe/todos`).
    List {
        /// Page number, 1 for the first.
        #[arg(long, value_name = "N", default_value_t = 1)]
        page: u32,
        /// CPEs per page.
        #[arg(long, value_name = "N", default_value_t = 50)]
        per_page: u32,
        /// Optional filter text.
        #[arg(value_name = "FILTER")]
        filter: Option<String>,
    },
    /// Reboot a service's equipment.
    Reboot {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
    },
    /// Factory-reset a service's equipment.
    Restore {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
        /// The last 4 characters of the equipment's MAC.
        #[arg(long, value_name = "X")]
        confirm_mac: Option<String>,
    },
}

/// `export ...`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Every customer as JSON Lines.
    Customers {
        /// data_inicio.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// data_fim.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// limit.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
}
