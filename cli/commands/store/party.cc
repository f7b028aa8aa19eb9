// tradefin party add|rotate|revoke|roles|list: the party registry. Every
// change is a hub-signed log entry.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "commands/store/store_cli.h"
#include "tradefin/signing/keys.h"

namespace tradefin::cli {
namespace {

struct PartyOpts {
  std::string store, id, name, pubkey;
  std::vector<std::string> roles;
  bool json = false;
};

constexpr char kRoleHelp[] =
    "Role; repeat or comma-separate for several: carrier, shipper, "
    "applicant, issuing-bank, financing-bank, guarantor, customs-broker, "
    "consignee";

std::vector<PartyRole> RolesOrFail(const std::vector<std::string>& names) {
  std::vector<PartyRole> out;
  for (const std::string& n : names) {
    Result<PartyRole> role = PartyRoleFromName(n);
    if (!role.ok()) FailWith(role.status().WithPrefix("--role"));
    out.push_back(*role);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string RolesText(const std::vector<PartyRole>& roles) {
  std::string out;
  for (PartyRole r : roles) out += (out.empty() ? "" : ",") + std::string(PartyRoleName(r));
  return out;
}

std::string KeySpkiOrFail(const std::string& path) {
  auto key = PublicKey::FromFile(path);
  if (!key.ok()) FailWith(key.status().WithPrefix("--pubkey " + path));
  return key->spki_der();
}

void PrintRef(const std::string& what, const EntryRef& ref, bool json) {
  if (json) {
    JsonWriter w;
    w.BeginObject();
    w.Key("entry");
    w.Int(static_cast<int64_t>(ref.index));
    w.Key("leaf_hash");
    w.String(HashHex(ref.leaf_hash));
    w.EndObject();
    std::cout << w.str() << "\n";
  } else {
    std::cout << what << ": entry " << ref.index << " (leaf " << HashHex(ref.leaf_hash) << ")\n";
  }
}

}  // namespace

void SetupParty(CLI::App& app) {
  auto o = std::make_shared<PartyOpts>();
  CLI::App* party = app.add_subcommand("party", "Manage the party registry");
  party->require_subcommand(1);

  CLI::App* add = party->add_subcommand("add", "Register a party (hub-signed entry)");
  AddStoreOption(add, &o->store);
  add->add_option("--id", o->id, "BIC, LEI or unified social credit code")->required();
  add->add_option("--name", o->name, "Registered name")->required();
  add->add_option("--role", o->roles, kRoleHelp)->required()->delimiter(',');
  // --key is the old spelling, kept as an alias for one release: on every
  // other verb --key is a private key.
  add->add_option("--pubkey,--key", o->pubkey,
                  "The party's public key file (SPKI PEM or certificate); "
                  "--key is the old spelling")
      ->required();
  add->add_flag("--json", o->json, "Print the result as JSON");
  add->callback([o] {
    std::vector<PartyRole> roles = RolesOrFail(o->roles);
    std::string spki = KeySpkiOrFail(o->pubkey);
    auto st = OpenStoreOrFail(o->store);
    auto ref = st->AddParty(o->id, o->name, roles, spki);
    if (!ref.ok()) FailWith(ref.status());
    PrintRef("registered " + o->id, *ref, o->json);
    Exit(kExitOk);
  });

  CLI::App* rotate = party->add_subcommand("rotate", "Replace a party's key (hub-signed entry)");
  AddStoreOption(rotate, &o->store);
  rotate->add_option("--id", o->id, "Party id")->required();
  rotate->add_option("--pubkey,--key", o->pubkey,
                     "The new public key file; --key is the old spelling")
      ->required();
  rotate->add_flag("--json", o->json, "Print the result as JSON");
  rotate->callback([o] {
    std::string spki = KeySpkiOrFail(o->pubkey);
    auto st = OpenStoreOrFail(o->store);
    auto ref = st->RotatePartyKey(o->id, spki);
    if (!ref.ok()) FailWith(ref.status());
    PrintRef("rotated key of " + o->id, *ref, o->json);
    Exit(kExitOk);
  });

  CLI::App* revoke = party->add_subcommand("revoke", "Revoke a party (hub-signed entry)");
  AddStoreOption(revoke, &o->store);
  revoke->add_option("--id", o->id, "Party id")->required();
  revoke->add_flag("--json", o->json, "Print the result as JSON");
  revoke->callback([o] {
    auto st = OpenStoreOrFail(o->store);
    auto ref = st->RevokeParty(o->id);
    if (!ref.ok()) FailWith(ref.status());
    PrintRef("revoked " + o->id, *ref, o->json);
    Exit(kExitOk);
  });

  CLI::App* roles = party->add_subcommand(
      "roles", "Replace the set of roles a party holds (hub-signed entry)");
  AddStoreOption(roles, &o->store);
  roles->add_option("--id", o->id, "Party id")->required();
  roles->add_option("--role", o->roles, kRoleHelp)->required()->delimiter(',');
  roles->add_flag("--json", o->json, "Print the result as JSON");
  roles->callback([o] {
    std::vector<PartyRole> r = RolesOrFail(o->roles);
    auto st = OpenStoreOrFail(o->store);
    auto ref = st->SetPartyRoles(o->id, r);
    if (!ref.ok()) FailWith(ref.status());
    PrintRef("roles of " + o->id + " are now " + RolesText(r), *ref, o->json);
    Exit(kExitOk);
  });

  CLI::App* list = party->add_subcommand("list", "List registered parties");
  AddStoreOption(list, &o->store);
  list->add_flag("--json", o->json, "Print as JSON");
  list->callback([o] {
    auto st = OpenStoreOrFail(o->store);
    auto parties = st->ListParties();
    if (!parties.ok()) FailWith(parties.status());
    if (o->json) {
      JsonWriter w;
      w.BeginArray();
      for (const PartyInfo& p : *parties) {
        w.BeginObject();
        w.Key("id");
        w.String(p.id);
        w.Key("name");
        w.String(p.name);
        w.Key("roles");
        w.BeginArray();
        for (PartyRole r : p.roles) w.String(PartyRoleName(r));
        w.EndArray();
        w.Key("key_id");
        w.String(p.key_id);
        w.Key("revoked");
        w.Bool(p.revoked);
        w.Key("registered_at");
        w.Int(static_cast<int64_t>(p.registered_at));
        w.Key("updated_at");
        w.Int(static_cast<int64_t>(p.updated_at));
        w.EndObject();
      }
      w.EndArray();
      std::cout << w.str() << "\n";
    } else {
      for (const PartyInfo& p : *parties)
        std::cout << p.id << "  " << RolesText(p.roles) << "  " << p.name << "  "
                  << (p.revoked ? std::string("REVOKED") : "key " + p.key_id)
                  << "  (entries " << p.registered_at << ".." << p.updated_at << ")\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
