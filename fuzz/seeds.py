#!/usr/bin/env python3
"""Seed corpora for the fuzz targets: the documented example answers of
every route (prefixed with the route index and a status index, as the
`decode` target reads its input) and typical typed values for the
parsers. Run from fuzz/ (run-all.sh does it when corpus/ is missing)."""
import json
import os

EXAMPLES = "../tests/fixtures/hubsoft-examples"
# Must match hubdesk::api::fuzzing::FUZZ_ROUTES.
ROUTES = ["oauth/token", "cliente", "cliente/all", "cliente/atendimento", "atendimento",
          "atendimento/{id}", "cliente/desbloqueio_confianca",
          "cliente/solicitar_desconexao/{id}", "cliente/extrato_conexao", "cliente/financeiro",
          "cliente/financeiro/enviar_email", "cliente/financeiro/enviar_sms",
          "cliente/financeiro/enviar_push", "cliente/ordem_servico", "cliente/reset_mac_addr",
          "endereco/cidade", "financeiro", "pbx/ligacao/notificar", "pbx/ligacao/cancelar",
          "prospecto/create", "prospecto", "prospecto (create)", "rede/equipamento", "rede/pop",
          "rede/zona_atendimento"]
FILES = {"oauth_token": "oauth/token", "cliente": "cliente", "cliente_all": "cliente/all",
         "cliente_atendimento": "cliente/atendimento", "atendimento_post": "atendimento",
         "atendimento_put": "atendimento/{id}",
         "cliente_desbloqueio_confianca": "cliente/desbloqueio_confianca",
         "cliente_solicitar_desconexao": "cliente/solicitar_desconexao/{id}",
         "cliente_extrato_conexao": "cliente/extrato_conexao",
         "cliente_financeiro": "cliente/financeiro",
         "cliente_financeiro_enviar_email": "cliente/financeiro/enviar_email",
         "cliente_financeiro_enviar_sms": "cliente/financeiro/enviar_sms",
         "cliente_financeiro_enviar_push": "cliente/financeiro/enviar_push",
         "cliente_ordem_servico": "cliente/ordem_servico",
         "cliente_reset_mac_addr": "cliente/reset_mac_addr", "endereco_cidade": "endereco/cidade",
         "financeiro": "financeiro", "pbx_notificar": "pbx/ligacao/notificar",
         "pbx_cancelar": "pbx/ligacao/cancelar", "prospecto_create": "prospecto/create",
         "prospecto_busca": "prospecto", "prospecto_post": "prospecto (create)",
         "rede_equipamento": "rede/equipamento", "rede_pop": "rede/pop",
         "rede_zona_atendimento": "rede/zona_atendimento"}
# Indices into the decode target's STATUSES: 200, 401, 422, 500.
STATUS_INDICES = (0, 4, 7, 9)
SEEDS = {
    "search_kind": ["ana silva", "123.456.789-09", "11.222.333/0001-81", "(37) 99999-1234",
                    "AA:BB:CC:DD:EE:FF", "10.0.0.1", "1000", "joao.pppoe", "+55 37 3222-1111"],
    "doc": ["529.982.247-25", "52998224725", "11.222.333/0001-81", "11222333000181",
            "12.ABC.345/01DE-35", "123"],
    "phone": ["(37) 99999-1234", "+55 (37) 3222-1111", "037999991234", "37 9 9999 1234",
              "0800 123 4567", "123"],
    "dates": ["31/12/2025", "2025-12-31", "31122025", "2025-12-31 23:59:59",
              "2025-12-31T23:59:59-03:00", "0000-00-00 00:00:00", "1735689599000", "29/02/2024"],
    "money": ["R$ 1.234,56", "1234,56", "1234.56", "-R$ 10,00", "R$ -10", "119.9", "1.234",
              "0,005", "99.90"],
    "sanitize": ["plain text", "\x1b[31mred\x1b[0m", "\x1b]52;c;AAAA\x07", "\u009b6n", "a\u202eb",
                 "line\r\nbreak\ttab"],
}

os.makedirs("corpus/decode", exist_ok=True)
n = 0
for name in sorted(os.listdir(EXAMPLES)):
    stem = name.split(".")[0]
    if "request" in name or not name.endswith(".json") or stem not in FILES:
        continue
    raw = open(os.path.join(EXAMPLES, name), "rb").read()
    try:
        raw = json.dumps(json.loads(raw), separators=(",", ":"), ensure_ascii=False).encode()
    except ValueError:
        pass
    for status in STATUS_INDICES:
        with open(f"corpus/decode/{stem}-{status}-{n}", "wb") as f:
            f.write(bytes([ROUTES.index(FILES[stem]), status]) + raw)
        n += 1
for target, seeds in SEEDS.items():
    os.makedirs(f"corpus/{target}", exist_ok=True)
    for i, s in enumerate(seeds):
        with open(f"corpus/{target}/seed{i}", "wb") as f:
            f.write(s.encode())
