from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_spec_credential_env import RunSpecCredentialEnv
    from ..models.run_spec_files import RunSpecFiles


T = TypeVar("T", bound="RunSpec")


@_attrs_define
class RunSpec:
    """A local command task, run by the local backend's sandboxed runner.

    Attributes:
        command (str): Shell command the rollout runs in its working directory.
        credential_env (RunSpecCredentialEnv | Unset): Environment variable -> credential name; the value is injected at
            run time and never stored with the task.
        files (RunSpecFiles | Unset): Relative path -> text content written before the command runs.
        verifier (None | str | Unset): Shell command run after the agent; its last stdout line, a number, is the reward
            (else exit 0 -> 1.0, otherwise 0.0).
    """

    command: str
    credential_env: RunSpecCredentialEnv | Unset = UNSET
    files: RunSpecFiles | Unset = UNSET
    verifier: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.run_spec_credential_env import RunSpecCredentialEnv  # noqa: PLC0415
        from ..models.run_spec_files import RunSpecFiles  # noqa: PLC0415

        command = self.command

        credential_env: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credential_env, Unset):
            credential_env = self.credential_env.to_dict()

        files: dict[str, Any] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = self.files.to_dict()

        verifier: None | str | Unset
        if isinstance(self.verifier, Unset):
            verifier = UNSET
        else:
            verifier = self.verifier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "command": command,
            }
        )
        if credential_env is not UNSET:
            field_dict["credential_env"] = credential_env
        if files is not UNSET:
            field_dict["files"] = files
        if verifier is not UNSET:
            field_dict["verifier"] = verifier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_spec_credential_env import RunSpecCredentialEnv  # noqa: PLC0415
        from ..models.run_spec_files import RunSpecFiles  # noqa: PLC0415

        d = dict(src_dict)
        command = d.pop("command")

        _credential_env = d.pop("credential_env", UNSET)
        credential_env: RunSpecCredentialEnv | Unset
        if isinstance(_credential_env, Unset):
            credential_env = UNSET
        else:
            credential_env = RunSpecCredentialEnv.from_dict(_credential_env)

        _files = d.pop("files", UNSET)
        files: RunSpecFiles | Unset
        if isinstance(_files, Unset):
            files = UNSET
        else:
            files = RunSpecFiles.from_dict(_files)

        def _parse_verifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verifier = _parse_verifier(d.pop("verifier", UNSET))

        run_spec = cls(
            command=command,
            credential_env=credential_env,
            files=files,
            verifier=verifier,
        )

        run_spec.additional_properties = d
        return run_spec

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
