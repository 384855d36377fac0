//! What names a customer on the routes that list a customer's records.
//!
//! `cliente/financeiro`, `cliente/atendimento` and `cliente/ordem_servico`
//! all take `busca=codigo_cliente`, `cpf_cnpj` or `id_cliente_servico`
//! (ENDPOINTS.md §5, §10, §14; the same three in HubSoft's current Postman
//! collection). [`CustomerKey`] is the one mapping from a customer reference
//! to those three searches, for every front end: the command line's
//! `invoices|tickets|orders REF`, and the console, which sends them keyed by
//! the typed CPF/CNPJ or code together with the customer search itself.

use super::customers::Customer;
use super::invoices::{InvoiceSearch, InvoiceSearchBy};
use super::orders::{ServiceOrderSearch, ServiceOrderSearchBy};
use super::params::{CustomerSearchBy, document_key};
use super::tickets::{TicketSearch, TicketSearchBy};

/// A customer reference the record routes accept as `busca`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomerKey {
    /// `codigo_cliente`: exactly one customer.
    Code(u64),
    /// `cpf_cnpj` (as sent: [`document_key`]): every customer registered
    /// with that CPF/CNPJ, which may be several (a customer registered
    /// twice, an old cancelled record).
    Document(String),
    /// `id_cliente_servico`: the records of one service.
    Service(u64),
}

impl CustomerKey {
    /// The key a customer search by `by` for `term` names, when the record
    /// routes accept it too: a customer code or a CPF/CNPJ. `None` for the
    /// other kinds (a name, a phone, a login... must be searched first).
    pub fn of_search(by: CustomerSearchBy, term: &str) -> Option<CustomerKey> {
        match by {
            CustomerSearchBy::Code => term
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|c| *c > 0)
                .map(CustomerKey::Code),
            CustomerSearchBy::Document => {
                let doc = document_key(term);
                doc.bytes()
                    .any(|b| b.is_ascii_digit())
                    .then_some(CustomerKey::Document(doc))
            }
            _ => None,
        }
    }

    /// Whether records read by this key can only be customer `code`'s.
    pub fn is_code(&self, code: u64) -> bool {
        *self == CustomerKey::Code(code)
    }

    /// Whether `customer` is one that this key names (its code, or its
    /// CPF/CNPJ); a service key names whoever holds the service.
    pub fn names(&self, customer: &Customer) -> bool {
        match self {
            CustomerKey::Code(code) => customer.codigo_cliente == Some(*code),
            CustomerKey::Document(doc) => customer
                .cpf_cnpj
                .as_deref()
                .is_some_and(|d| document_key(d) == *doc),
            CustomerKey::Service(id) => customer
                .servicos
                .iter()
                .any(|s| s.id_cliente_servico == Some(*id)),
        }
    }

    /// `GET cliente/financeiro` by this key (server defaults otherwise).
    pub fn invoices(&self) -> InvoiceSearch {
        let (by, term) = match self {
            CustomerKey::Code(c) => (InvoiceSearchBy::CustomerCode, c.to_string()),
            CustomerKey::Document(d) => (InvoiceSearchBy::Document, d.clone()),
            CustomerKey::Service(s) => (InvoiceSearchBy::ServiceId, s.to_string()),
        };
        InvoiceSearch::new(by, term)
    }

    /// `GET cliente/atendimento` by this key (server defaults otherwise).
    pub fn tickets(&self) -> TicketSearch {
        let (by, term) = match self {
            CustomerKey::Code(c) => (TicketSearchBy::CustomerCode, c.to_string()),
            CustomerKey::Document(d) => (TicketSearchBy::Document, d.clone()),
            CustomerKey::Service(s) => (TicketSearchBy::ServiceId, s.to_string()),
        };
        TicketSearch::new(by, term)
    }

    /// `GET cliente/ordem_servico` by this key (server defaults otherwise).
    pub fn orders(&self) -> ServiceOrderSearch {
        let (by, term) = match self {
            CustomerKey::Code(c) => (ServiceOrderSearchBy::CustomerCode, c.to_string()),
            CustomerKey::Document(d) => (ServiceOrderSearchBy::Document, d.clone()),
            CustomerKey::Service(s) => (ServiceOrderSearchBy::ServiceId, s.to_string()),
        };
        ServiceOrderSearch::new(by, term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_documents_key_the_record_routes_other_searches_do_not() {
        assert_eq!(
            CustomerKey::of_search(CustomerSearchBy::Code, " 1042 "),
            Some(CustomerKey::Code(1042))
        );
        assert_eq!(CustomerKey::of_search(CustomerSearchBy::Code, "0"), None);
        assert_eq!(CustomerKey::of_search(CustomerSearchBy::Code, "12a"), None);
        assert_eq!(
            CustomerKey::of_search(CustomerSearchBy::Document, "123.456.789-09"),
            Some(CustomerKey::Document("12345678909".into()))
        );
        // An alphanumeric CNPJ keeps its letters, upper case.
        assert_eq!(
            CustomerKey::of_search(CustomerSearchBy::Document, "12.abc.345/01de-35"),
            Some(CustomerKey::Document("12ABC34501DE35".into()))
        );
        for by in [
            CustomerSearchBy::Name,
            CustomerSearchBy::Phone,
            CustomerSearchBy::Login,
            CustomerSearchBy::ServiceId,
        ] {
            assert_eq!(CustomerKey::of_search(by, "1042"), None, "{by:?}");
        }
    }

    #[test]
    fn each_key_maps_to_the_same_busca_on_the_three_routes() {
        let cases = [
            (CustomerKey::Code(1042), "codigo_cliente", "1042"),
            (
                CustomerKey::Document("12345678909".into()),
                "cpf_cnpj",
                "12345678909",
            ),
            (
                CustomerKey::Service(100_004),
                "id_cliente_servico",
                "100004",
            ),
        ];
        for (key, busca, term) in cases {
            let i = key.invoices();
            assert_eq!((i.by.as_param(), i.term.as_str()), (busca, term));
            let t = key.tickets();
            assert_eq!((t.by.as_param(), t.term.as_str()), (busca, term));
            let o = key.orders();
            assert_eq!((o.by.as_param(), o.term.as_deref()), (busca, Some(term)));
        }
    }

    #[test]
    fn a_key_names_the_customers_it_would_find() {
        let customer: Customer = serde_json::from_value(serde_json::json!({
            "codigo_cliente": 1042,
            "cpf_cnpj": "123.456.789-09",
            "servicos": [{"id_cliente_servico": 100_004}]
        }))
        .unwrap();
        assert!(CustomerKey::Code(1042).names(&customer));
        assert!(!CustomerKey::Code(1043).names(&customer));
        assert!(CustomerKey::Document("12345678909".into()).names(&customer));
        assert!(!CustomerKey::Document("12345678910".into()).names(&customer));
        assert!(CustomerKey::Service(100_004).names(&customer));
        assert!(CustomerKey::Code(1042).is_code(1042));
        assert!(!CustomerKey::Document("1042".into()).is_code(1042));
    }
}
