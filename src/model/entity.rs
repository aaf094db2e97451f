//! What every entity carries, and how one entity names another.
//!
//! [`Kind`] lists the kinds of entity that have an id; [`Common`] holds the fields they all
//! share; [`Ref`] is a reference by id, typed by the [`Target`] kinds it may name. The
//! loader creates references unresolved and points each at its entity through the walk in
//! [`super::refs`], which alone sets a reference's target.

use std::fmt;
use std::marker::PhantomData;

use super::Section;
use crate::source::Span;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its place.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    /// A value no file was read for (built by an importer, to be written): its place is
    /// [`nowhere`].
    pub fn unplaced(value: T) -> Self {
        Spanned::new(value, nowhere())
    }
}

/// The place of a value that was not read from a file: an empty span at the start of the
/// first one. Model values built by a program (an importer's) carry it until they are
/// written and read back.
pub fn nowhere() -> Span {
    Span::new(crate::source::FileId(0), 0, 0)
}

/// The kinds of entity that have an `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An organisation.
    Organization,
    /// A person.
    Person,
    /// A consumer group, user population or team.
    Group,
    /// An outcome.
    Outcome,
    /// A product.
    Product,
    /// A service.
    Service,
    /// A service offering.
    Offering,
    /// A service relationship.
    Relationship,
    /// An improvement of the continual improvement register.
    Improvement,
    /// A custom lint rule of the `rules:` section.
    Rule,
}

impl Kind {
    /// The kinds of entity that rules check (every kind but `rules` themselves), in the
    /// order of the format's sections.
    pub const CHECKED: [Kind; 9] = [
        Kind::Organization,
        Kind::Person,
        Kind::Group,
        Kind::Outcome,
        Kind::Product,
        Kind::Service,
        Kind::Offering,
        Kind::Relationship,
        Kind::Improvement,
    ];

    /// The singular noun used in messages.
    pub fn noun(self) -> &'static str {
        Section::of(self).noun
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

/// What a reference may name: one kind, or a choice of kinds (a role holder is a person or
/// a group).
pub trait Target {
    /// The kinds accepted.
    const KINDS: &'static [Kind];
}

macro_rules! targets {
    ($($(#[$doc:meta])* $name:ident => [$($kind:ident),+];)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;
        impl Target for $name {
            const KINDS: &'static [Kind] = &[$(Kind::$kind),+];
        }
    )*};
}

targets! {
    /// A reference to an organisation.
    OrganizationRef => [Organization];
    /// A reference to a person.
    PersonRef => [Person];
    /// A reference to a group.
    GroupRef => [Group];
    /// A reference to an outcome.
    OutcomeRef => [Outcome];
    /// A reference to a product.
    ProductRef => [Product];
    /// A reference to a service.
    ServiceRef => [Service];
    /// A reference to an offering.
    OfferingRef => [Offering];
    /// A reference to a relationship.
    RelationshipRef => [Relationship];
    /// A customer, user or sponsor: a person or a group.
    RoleHolderRef => [Person, Group];
    /// A stakeholder: an organisation, a person or a group.
    PartyRef => [Organization, Person, Group];
}

/// A reference by id to another entity. The loader fills in the target once every id is
/// known; in a resolved [`Catalogue`](super::Catalogue) it always names an entity of an
/// accepted kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref<T: Target> {
    /// The id as written.
    pub id: Box<str>,
    /// Where it was written.
    pub span: Span,
    /// The kind and index named; an index fits in 32 bits, as every file does (a
    /// catalogue holds hundreds of thousands of references, and each byte of one counts).
    pub(super) target: Option<(Kind, u32)>,
    pub(super) accepts: PhantomData<T>,
}

impl<T: Target> Ref<T> {
    /// An unresolved reference.
    pub fn new(id: String, span: Span) -> Self {
        Ref {
            id: id.into_boxed_str(),
            span,
            target: None,
            accepts: PhantomData,
        }
    }

    /// An unresolved reference that no file was read for (see [`nowhere`]).
    pub fn unplaced(id: impl Into<String>) -> Self {
        Ref::new(id.into(), nowhere())
    }

    /// The kind and index of the entity named.
    ///
    /// # Panics
    /// On an unresolved reference: the loader never hands one out.
    pub fn target(&self) -> (Kind, usize) {
        let (kind, index) = self.target.expect("references are resolved before use");
        (kind, index as usize)
    }

    /// The index of the entity named, in the list of its kind.
    pub fn index(&self) -> usize {
        self.target().1
    }

    /// The index of the entity named, or `None` while the reference is unresolved (only
    /// the loader ever sees one).
    pub(crate) fn try_index(&self) -> Option<usize> {
        self.target.map(|(_, index)| index as usize)
    }
}

/// An entity's identifier, with its place.
pub type Id = Spanned<String>;

/// Rules silenced for one entity (`lint: { allow: [...] }`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityLint {
    /// Codes allowed for this entity alone.
    pub allow: Vec<Spanned<String>>,
}

/// What every entity carries besides its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// The unique identifier.
    pub id: Id,
    /// The display name, where the kind has one.
    pub name: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// Per-entity lint settings.
    pub lint: EntityLint,
    /// The entity's whole mapping.
    pub span: Span,
}

impl Common {
    /// The common fields of an entity that no file was read for (see [`nowhere`]): no
    /// lint settings of its own.
    pub fn unplaced(
        id: impl Into<String>,
        name: Option<String>,
        description: Option<String>,
    ) -> Self {
        Common {
            id: Spanned::unplaced(id.into()),
            name,
            description,
            lint: EntityLint::default(),
            span: nowhere(),
        }
    }
}
